import CCurl
import LensCore

/// One GET of an engine's Prometheus `/metrics` page, parsed (blocking; call from a thread that may block).
enum MetricsScrape {
    /// The page, or one line saying why there is none (the URL and credentials are not in it).
    static func run(url: String, headerLines: [String], timeoutSeconds: Double, limits: ExpositionLimits = ExpositionLimits())
        -> Result<ExpositionPage, ScrapeFailure>
    {
        // The target's own headers (credentials included; a metrics page behind the same proxy
        // needs them), minus the request-body ones, plus the format Prometheus asks for.
        let lines =
            headerLines.filter { !$0.hasPrefix("Content-Type") && !$0.hasPrefix("Expect") }
            + ["Accept: text/plain;version=0.0.4;q=0.9,*/*;q=0.1"]
        let get = BlockingGet(
            url: url, headerLines: lines, timeoutSeconds: timeoutSeconds, connectTimeoutSeconds: 5, maxBytes: limits.maxBytes,
            stopsAtLimit: true, acceptsCompression: true)
        guard let response = get.perform() else { return .failure(ScrapeFailure("libcurl could not allocate a handle")) }
        if response.overflowed { return .failure(ScrapeFailure("the page is larger than \(ByteSize.describe(limits.maxBytes))")) }
        guard response.code == CURLE_OK else { return .failure(ScrapeFailure(response.transportMessage)) }
        guard response.status == 200 else { return .failure(ScrapeFailure("HTTP \(response.status)")) }
        do {
            return .success(try ExpositionParser.parse(response.body, limits: limits))
        } catch {
            return .failure(ScrapeFailure(error.description))
        }
    }
}

/// Why a scrape gave no page: curl's message, the HTTP status, or the parser's located error.
struct ScrapeFailure: Error, Sendable, Equatable {
    /// One line.
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
