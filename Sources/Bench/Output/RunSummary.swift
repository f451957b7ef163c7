import LensCore

/// The end-of-run summary: one row of headline figures per scenario (the CLI lays it out).
public struct RunSummary: Sendable, Equatable {
    /// One scenario's headline figures.
    public struct Row: Sendable, Equatable {
        /// Scenario name.
        public var scenario: String
        /// Measured requests.
        public var requests: Int
        /// Failed requests.
        public var failed: Int
        /// Median and 95th percentile TTFT (ms).
        public var ttftP50: Double?, ttftP95: Double?
        /// Median inter-token latency (ms).
        public var itlP50: Double?
        /// Median and 95th percentile end-to-end latency (ms).
        public var e2eP50: Double?, e2eP95: Double?
        /// Successful requests per second.
        public var requestThroughput: Double?
        /// Output tokens per second over the scenario.
        public var outputThroughput: Double?
        /// Total cost in USD, when priced.
        public var costUSD: Double?
        /// Where the output token counts came from (nil when no request succeeded).
        public var tokenSource: TokenSource?
        /// Good requests over all requests, when the scenario ran under an SLO.
        public var goodput: Double?
    }

    /// The rows, in run order.
    public var rows: [Row]

    /// Summarises results.
    public init(results: Results) {
        rows = results.scenarios.map { scenario in
            let counts = scenario.counts
            return Row(
                scenario: scenario.name, requests: counts?.requests ?? 0, failed: counts?.failed ?? 0,
                ttftP50: Self.quantile(scenario.samples[.ttftMs], 0.5), ttftP95: Self.quantile(scenario.samples[.ttftMs], 0.95),
                itlP50: Self.quantile(scenario.samples[.itlMs], 0.5),
                e2eP50: Self.quantile(scenario.samples[.e2eMs], 0.5), e2eP95: Self.quantile(scenario.samples[.e2eMs], 0.95),
                requestThroughput: scenario.scenarioValue(.requestThroughput),
                outputThroughput: scenario.scenarioValue(.outputThroughput),
                costUSD: scenario.totals?.costUSD, tokenSource: scenario.tokenSource, goodput: scenario.scenarioValue(.goodput))
        }
    }

    /// The type-7 (linear interpolation) sample quantile, as numpy's default; nil for no data.
    public static func quantile(_ values: [Double]?, _ p: Double) -> Double? {
        guard let values, !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
