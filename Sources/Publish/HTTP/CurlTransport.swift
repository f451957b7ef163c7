import CCurl

/// A small synchronous HTTP client on libcurl's easy interface, for a handful of API calls.
///
/// Redirects are not followed (a redirect could carry the token to another host); only http and
/// https are allowed; bodies are capped at `maximumBodyBytes`.
public struct CurlTransport: HTTPTransport {
    /// Whole-request time limit.
    public var timeoutSeconds: Int
    /// Largest response body kept; API pages of 100 comments stay far below it.
    public var maximumBodyBytes: Int

    /// Creates a transport.
    public init(timeoutSeconds: Int = 30, maximumBodyBytes: Int = 32 << 20) {
        self.timeoutSeconds = timeoutSeconds
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Sends one request and waits for its response (blocks the calling thread).
    public func send(_ request: HTTPRequest) throws(TransportFailure) -> HTTPResponse {
        // Checked here rather than with CURLOPT_PROTOCOLS_STR, which older libcurl (< 7.85) lacks.
        guard request.url.lowercased().hasPrefix("https://") || request.url.lowercased().hasPrefix("http://") else {
            throw TransportFailure(url: request.url, reason: "only http and https URLs are allowed")
        }
        guard CurlLibrary.initialized, let handle = curl_easy_init() else {
            throw TransportFailure(url: request.url, reason: "libcurl could not start")
        }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for line in request.headerLines { headerList = curl_slist_append(headerList, line) }
        defer { curl_slist_free_all(headerList) }
        let collector = ResponseCollector(limit: maximumBodyBytes)

        lens_easy_setopt_string(handle, CURLOPT_URL, request.url)
        lens_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        lens_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        lens_easy_setopt_long(handle, CURLOPT_TIMEOUT, timeoutSeconds)
        lens_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, min(timeoutSeconds, 10))
        lens_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))
        lens_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, ResponseCollector.onBody)
        lens_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, ResponseCollector.onHeader)
        if let body = request.body {
            // COPYPOSTFIELDS copies the bytes now, so nothing has to outlive this call.
            lens_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { bytes in
                _ = lens_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        } else {
            lens_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
        }
        if request.method != "GET", request.method != "POST" {
            lens_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }

        let code = withExtendedLifetime(collector) {
            let context = Unmanaged.passUnretained(collector).toOpaque()
            lens_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            lens_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let reason = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
            throw TransportFailure(url: request.url, reason: reason)
        }
        var status = 0
        lens_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }
}

/// Gathers a response's header lines and body from libcurl's callbacks.
private final class ResponseCollector {
    let limit: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    init(limit: Int) { self.limit = limit }

    static let onBody: lens_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        // Returning less than `length` makes libcurl stop with CURLE_WRITE_ERROR: an oversized body.
        guard collector.body.count + length <= collector.limit else { return 0 }
        collector.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    static let onHeader: lens_curl_data_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line (after `100 Continue`): only the final response's headers count.
            collector.headers.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
            collector.headers.append((name, value))
        }
        return length
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
