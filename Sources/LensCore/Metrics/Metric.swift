/// A latency, throughput, error or cost quantity that lens-gate measures and gates on.
///
/// The raw values are the contract names of DESIGN.md; they appear in results files, rules and
/// reports exactly as written here.
public enum Metric: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Time from the intended send to the first content-bearing event, in milliseconds.
    case ttftMs = "ttft_ms"
    /// Gaps between streamed chunks (per token when a chunk carries several), pooled over requests.
    case itlMs = "itl_ms"
    /// Time per output token after the first: (e2e − ttft) / (output tokens − 1), per request.
    case tpotMs = "tpot_ms"
    /// End-to-end request latency in milliseconds.
    case e2eMs = "e2e_ms"
    /// Output tokens per second of one request.
    case outputTokensPerSecond = "output_tokens_per_s"
    /// Successful requests per second over a scenario.
    case requestThroughput = "request_throughput"
    /// Output tokens per second over a scenario.
    case outputThroughput = "output_throughput"
    /// Failed requests divided by all requests of a scenario.
    case errorRate = "error_rate"
    /// Cost of one request in US dollars.
    case costUSD = "cost_usd"

    /// Which way a change makes things worse.
    public var direction: Direction {
        switch self {
        case .outputTokensPerSecond, .requestThroughput, .outputThroughput: .higherIsBetter
        case .ttftMs, .itlMs, .tpotMs, .e2eMs, .errorRate, .costUSD: .lowerIsBetter
        }
    }

    /// The unit values of this metric are expressed in.
    public var unit: Unit {
        switch self {
        case .ttftMs, .itlMs, .tpotMs, .e2eMs: .milliseconds
        case .outputTokensPerSecond, .outputThroughput: .tokensPerSecond
        case .requestThroughput: .requestsPerSecond
        case .errorRate: .ratio
        case .costUSD: .usd
        }
    }

    /// Whether the metric has one value per request or one value per scenario run.
    public var granularity: Granularity {
        switch self {
        case .requestThroughput, .outputThroughput, .errorRate: .perScenario
        default: .perRequest
        }
    }

    /// Whether the metric has several samples per request (one per streamed chunk gap), so that
    /// its samples are clustered by request and only the request is an independent replicate.
    public var isClusteredByRequest: Bool { self == .itlMs }

    /// Whether a negative value is impossible for this metric (all of them, today).
    public var isNonNegative: Bool { true }

    /// Orders metrics as declared, so reports list them in a stable, meaningful order.
    public static func < (lhs: Metric, rhs: Metric) -> Bool { lhs.order < rhs.order }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension Metric {
    /// Which way a change makes a metric worse.
    public enum Direction: String, Sendable, Codable {
        case lowerIsBetter = "lower_is_better"
        case higherIsBetter = "higher_is_better"

        /// +1 when an increase is worse, −1 when a decrease is worse.
        public var worseSign: Double { self == .lowerIsBetter ? 1 : -1 }
    }

    /// The unit of a metric's values.
    public enum Unit: String, Sendable, Codable {
        case milliseconds = "ms"
        case tokensPerSecond = "tok/s"
        case requestsPerSecond = "req/s"
        case ratio = "ratio"
        case usd = "USD"
    }

    /// Whether a metric is sampled per request or computed once per scenario.
    public enum Granularity: String, Sendable, Codable {
        case perRequest = "per_request"
        case perScenario = "per_scenario"
    }
}
