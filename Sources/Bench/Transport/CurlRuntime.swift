import CCurl

/// libcurl's process-wide initialisation, done exactly once before any handle is created.
enum CurlRuntime {
    /// `curl_global_init` must run once per process before threads use libcurl; a `static let`
    /// is initialised exactly once, thread-safely, on first use.
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// The libcurl version line (e.g. `libcurl/7.88.1 OpenSSL/3.0.19 …`).
    static var version: String { curl_version().map { String(cString: $0) } ?? "unknown" }
}
