import CCurl

/// libcurl's process-wide initialisation for the publishing commands.
///
/// `curl_global_init` must run before any thread uses libcurl; a `static let` runs it exactly once,
/// thread-safely, on first use. The benchmark runner has its own equivalent, and no command both
/// benchmarks and publishes, so a process initialises libcurl once (libcurl ≥ 7.84 also counts calls).
enum CurlLibrary {
    /// True when libcurl initialised.
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
