import CCurl
import LensCore

/// One GET of an engine's Prometheus `/metrics` page, parsed (blocking; call from a thread that may block).
enum MetricsScrape {
    /// The page, or one line saying why there is none (the URL and credentials are not in it).
    static func run(url: String, headerLines: [String], timeoutSeconds: Double, limits: ExpositionLimits = ExpositionLimits())
        -> Result<ExpositionPage, ScrapeFailure>
    {
        guard let easy = EasyHandle() else { return .failure(ScrapeFailure("libcurl could not allocate a handle")) }
        // The target's own headers (credentials included; a metrics page behind the same proxy
        // needs them), minus the request-body ones, plus the format Prometheus asks for.
        let lines =
            headerLines.filter { !$0.hasPrefix("Content-Type") && !$0.hasPrefix("Expect") }
            + ["Accept: text/plain;version=0.0.4;q=0.9,*/*;q=0.1"]
        let headers = HeaderList(lines: lines)
        let sink = PageSink(limit: limits.maxBytes)
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_HTTPGET, 1)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")
        easy.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headers.raw))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeoutSeconds * 1000)))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeoutSeconds, 5) * 1000)))
        easy.set(CURLOPT_WRITEFUNCTION, callback: PageSink.onData)
        let code = withExtendedLifetime(sink) {
            easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
            return curl_easy_perform(easy.raw)
        }
        if sink.overflowed { return .failure(ScrapeFailure("the page is larger than \(ByteSize.describe(limits.maxBytes))")) }
        guard code == CURLE_OK else {
            let message = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
            return .failure(ScrapeFailure(message))
        }
        let status = easy.responseCode
        guard status == 200 else { return .failure(ScrapeFailure("HTTP \(status)")) }
        do {
            return .success(try ExpositionParser.parse(sink.bytes, limits: limits))
        } catch {
            return .failure(ScrapeFailure(error.description))
        }
    }

    /// Collects a page up to a cap; past it the transfer is stopped.
    final class PageSink {
        let limit: Int
        var bytes: [UInt8] = []
        var overflowed = false

        init(limit: Int) { self.limit = limit }

        static let onData: lens_curl_data_callback = { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let sink = Unmanaged<PageSink>.fromOpaque(context).takeUnretainedValue()
            guard sink.bytes.count + length <= sink.limit else {
                sink.overflowed = true
                // Returning less than given makes curl stop with CURLE_WRITE_ERROR.
                return 0
            }
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
    }
}

/// Why a scrape gave no page: curl's message, the HTTP status, or the parser's located error.
struct ScrapeFailure: Error, Sendable, Equatable {
    /// One line.
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
