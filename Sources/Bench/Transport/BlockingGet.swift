import CCurl

/// One GET with libcurl, waited for (blocking; call from a thread that may block), its body kept
/// up to a cap: what the health probe and the metrics scrape share.
struct BlockingGet {
    /// The URL to fetch.
    var url: String
    /// Complete header lines to send.
    var headerLines: [String]
    /// The whole transfer's timeout.
    var timeoutSeconds: Double
    /// The connection phase's timeout (never longer than the whole transfer's).
    var connectTimeoutSeconds: Double
    /// The most body bytes kept.
    var maxBytes: Int
    /// Whether a body over the cap stops the transfer (an error) rather than being cut short.
    var stopsAtLimit: Bool
    /// Whether to offer every content encoding curl can decode.
    var acceptsCompression = false

    /// What came back.
    struct Response {
        /// curl's result; `CURLE_OK` when the transfer completed.
        var code: CURLcode
        /// The HTTP status, or 0 when no response came.
        var status: Int
        /// The body, up to the cap.
        var body: [UInt8]
        /// Whether the body went past the cap.
        var overflowed: Bool

        /// curl's one-line message for a failed transfer.
        var transportMessage: String {
            curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
        }
    }

    /// Performs the GET; nil when libcurl cannot allocate a handle.
    func perform() -> Response? {
        guard let easy = EasyHandle() else { return nil }
        let headers = HeaderList(lines: headerLines)
        let sink = BodySink(limit: maxBytes, stopsAtLimit: stopsAtLimit)
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_HTTPGET, 1)
        easy.set(CURLOPT_NOSIGNAL, 1)
        if acceptsCompression { easy.set(CURLOPT_ACCEPT_ENCODING, "") }
        easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headers.raw))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeoutSeconds * 1000)))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeoutSeconds, connectTimeoutSeconds) * 1000)))
        easy.set(CURLOPT_WRITEFUNCTION, callback: BodySink.onData)
        let code = withExtendedLifetime(sink) {
            easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
            return curl_easy_perform(easy.raw)
        }
        return Response(code: code, status: easy.responseCode, body: sink.bytes, overflowed: sink.overflowed)
    }

    /// Collects a body up to a cap.
    final class BodySink {
        let limit: Int
        let stopsAtLimit: Bool
        var bytes: [UInt8] = []
        var overflowed = false

        init(limit: Int, stopsAtLimit: Bool) {
            self.limit = limit
            self.stopsAtLimit = stopsAtLimit
        }

        static let onData: lens_curl_data_callback = { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
            guard sink.bytes.count + length <= sink.limit else {
                sink.overflowed = true
                // Returning less than given makes curl stop with CURLE_WRITE_ERROR.
                return sink.stopsAtLimit ? 0 : length
            }
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
    }
}
