import CCurl
import LensCore

/// Counts texts with a server's tokenize endpoint, one blocking POST per text over one kept-alive
/// connection. Used only after a scenario's measured phase, never while requests are timed.
final class TokenizerClient {
    /// The endpoint.
    let endpoint: TokenizeEndpoint
    private let easy: EasyHandle
    private let headers: HeaderList
    private let sink = ResponseSink()

    /// Why a text could not be counted.
    struct Failure: Error, Equatable {
        /// What went wrong, for the warning line.
        var reason: String
    }

    /// A client for `endpoint` sending the target's `headerLines`; nil when curl cannot allocate a handle.
    init?(endpoint: TokenizeEndpoint, headerLines: [String], timeoutSeconds: Double) {
        guard let easy = EasyHandle() else { return nil }
        self.endpoint = endpoint
        self.easy = easy
        headers = HeaderList(lines: headerLines)
        easy.set(CURLOPT_URL, endpoint.url)
        easy.set(CURLOPT_POST, 1)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headers.raw))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeoutSeconds * 1000)))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeoutSeconds, 10) * 1000)))
        easy.set(CURLOPT_WRITEFUNCTION, callback: ResponseSink.onData)
        easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
    }

    /// The token count of a text given as the body of a JSON string (escaped, without quotes).
    func count(escapedText text: ArraySlice<UInt8>) -> Result<Int, Failure> {
        var body = endpoint.dialect.body(escapedText: text, model: endpoint.model)
        sink.reset()
        let code = body.withUnsafeMutableBytes { raw -> CURLcode in
            easy.set(CURLOPT_POSTFIELDSIZE, raw.count)
            easy.set(CURLOPT_POSTFIELDS, pointer: raw.baseAddress)
            return curl_easy_perform(easy.raw)
        }
        easy.set(CURLOPT_POSTFIELDS, pointer: nil)
        guard code == CURLE_OK else {
            return .failure(Failure(reason: curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"))
        }
        let status = easy.responseCode
        guard status == 200 else { return .failure(Failure(reason: "HTTP \(status)")) }
        guard !sink.overflowed, let count = endpoint.dialect.count(in: sink.bytes) else {
            return .failure(Failure(reason: "the answer is not a \(endpoint.dialect.rawValue) tokenize response"))
        }
        return .success(count)
    }

    /// Collects a response body, up to `limit` bytes (a token list is a few bytes per token).
    final class ResponseSink {
        /// The body so far.
        private(set) var bytes: [UInt8] = []
        /// Whether the body was longer than `limit`.
        private(set) var overflowed = false
        /// The most bytes kept: 64 MiB, enough for the token list of the longest kept text.
        static let limit = 64 << 20

        func reset() {
            bytes.removeAll(keepingCapacity: true)
            overflowed = false
        }

        static let onData: lens_curl_data_callback = { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
            guard sink.bytes.count + length <= limit else {
                sink.overflowed = true
                return 0
            }
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
    }
}
