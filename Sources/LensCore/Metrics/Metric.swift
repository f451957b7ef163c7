/// A latency, throughput, error or cost quantity that lens-gate measures and gates on.
///
/// Built-in metrics are the contract names of DESIGN.md; a results file may declare more
/// (`"metrics": {"queue_ms": {"unit": "ms", "better": "lower"}}`, see `MetricDeclaration`).
/// A metric is identified by its name: two metrics with one name are the same metric, and where
/// two files meet their declarations are checked to agree (`MetricCatalog`).
public struct Metric: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name results files, rules and reports use: `ttft_ms`, `queue_ms`.
    public let name: String
    /// Which way a change makes things worse.
    public let direction: Direction
    /// The unit values of this metric are expressed in.
    public let unit: Unit
    /// Whether the metric has one value per request or one value per scenario run.
    public let granularity: Granularity
    /// Whether the metric has several samples per request (one per streamed chunk gap), so that
    /// its samples are clustered by request and only the request is an independent replicate.
    public let isClusteredByRequest: Bool
    /// How a metric came to be known: built in, declared by a results file, or only named by a rule.
    public let origin: Origin

    /// Where a metric's definition comes from.
    public enum Origin: Sendable, Hashable {
        /// One of lens-gate's own metrics.
        case builtIn(order: Int)
        /// Declared by a results file (or a history line), with its unit and direction.
        case declared
        /// Named by the gate config only; the results must declare it before it can be judged.
        case referenced
    }

    private init(
        _ name: String, _ direction: Direction, _ unit: Unit, _ granularity: Granularity, order: Int,
        clustered: Bool = false
    ) {
        self.init(
            name: name, direction: direction, unit: unit, granularity: granularity, isClusteredByRequest: clustered,
            origin: .builtIn(order: order))
    }

    private init(
        name: String, direction: Direction, unit: Unit, granularity: Granularity, isClusteredByRequest: Bool, origin: Origin
    ) {
        self.name = name
        self.direction = direction
        self.unit = unit
        self.granularity = granularity
        self.isClusteredByRequest = isClusteredByRequest
        self.origin = origin
    }

    /// A metric a results file declares; the name must not be a built-in one (`MetricDeclaration` checks).
    public static func declared(_ name: String, unit: Unit, direction: Direction, granularity: Granularity) -> Metric {
        Metric(name: name, direction: direction, unit: unit, granularity: granularity, isClusteredByRequest: false, origin: .declared)
    }

    /// A metric a rule names that is not built in: a placeholder until the results declare it
    /// (`granularity` follows how the rule wrote it: with a statistic per request, bare per scenario).
    public static func referenced(_ name: String, granularity: Granularity) -> Metric {
        Metric(
            name: name, direction: .lowerIsBetter, unit: Unit(rawValue: ""), granularity: granularity, isClusteredByRequest: false,
            origin: .referenced)
    }

    /// Time from the intended send to the first content-bearing event, in milliseconds.
    public static let ttftMs = Metric("ttft_ms", .lowerIsBetter, .milliseconds, .perRequest, order: 0)
    /// Gaps between streamed chunks (per token when a chunk carries several), pooled over requests.
    public static let itlMs = Metric("itl_ms", .lowerIsBetter, .milliseconds, .perRequest, order: 1, clustered: true)
    /// Time per output token after the first: (e2e − ttft) / (output tokens − 1), per request.
    public static let tpotMs = Metric("tpot_ms", .lowerIsBetter, .milliseconds, .perRequest, order: 2)
    /// End-to-end request latency in milliseconds.
    public static let e2eMs = Metric("e2e_ms", .lowerIsBetter, .milliseconds, .perRequest, order: 3)
    /// Output tokens per second of one request.
    public static let outputTokensPerSecond = Metric("output_tokens_per_s", .higherIsBetter, .tokensPerSecond, .perRequest, order: 4)
    /// Successful requests per second over a scenario.
    public static let requestThroughput = Metric("request_throughput", .higherIsBetter, .requestsPerSecond, .perScenario, order: 5)
    /// Output tokens per second over a scenario.
    public static let outputThroughput = Metric("output_throughput", .higherIsBetter, .tokensPerSecond, .perScenario, order: 6)
    /// Failed requests divided by all requests of a scenario.
    public static let errorRate = Metric("error_rate", .lowerIsBetter, .ratio, .perScenario, order: 7)
    /// Cost of one request in US dollars.
    public static let costUSD = Metric("cost_usd", .lowerIsBetter, .usd, .perRequest, order: 8)
    /// Requests that succeeded and met every limit of the scenario's SLO, over all its requests
    /// (`goodput.good / counts.requests`; only for scenarios measured under an SLO).
    public static let goodput = Metric("goodput", .higherIsBetter, .ratio, .perScenario, order: 9)
    /// Requests that succeeded and met every limit of the SLO, per second (`goodput.good / totals.duration_s`).
    public static let goodputRPS = Metric("goodput_rps", .higherIsBetter, .requestsPerSecond, .perScenario, order: 10)

    /// lens-gate's own metrics, in report order.
    public static let builtIns: [Metric] = [
        .ttftMs, .itlMs, .tpotMs, .e2eMs, .outputTokensPerSecond, .requestThroughput, .outputThroughput, .errorRate, .costUSD,
        .goodput, .goodputRPS,
    ]

    /// The built-in metric of that name, if any.
    public static func builtIn(named name: String) -> Metric? {
        builtIns.first { $0.name == name }
    }

    /// True for lens-gate's own metrics.
    public var isBuiltIn: Bool {
        if case .builtIn = origin { return true }
        return false
    }

    /// Whether a negative value is impossible: every metric, built in or declared (a relative
    /// change from a negative or zero baseline means nothing).
    public var isNonNegative: Bool { true }

    public var description: String { name }

    /// Metrics are their names: a declaration is a description of the name, not part of its identity.
    public static func == (lhs: Metric, rhs: Metric) -> Bool { lhs.name == rhs.name }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Built-in metrics first, as declared, so reports list them in a stable, meaningful order;
    /// then the others by name.
    public static func < (lhs: Metric, rhs: Metric) -> Bool {
        switch (lhs.origin, rhs.origin) {
        case (.builtIn(let left), .builtIn(let right)): left < right
        case (.builtIn, _): true
        case (_, .builtIn): false
        default: lhs.name < rhs.name
        }
    }
}

extension Metric {
    /// Which way a change makes a metric worse.
    public enum Direction: String, Sendable, Codable {
        case lowerIsBetter = "lower_is_better"
        case higherIsBetter = "higher_is_better"

        /// +1 when an increase is worse, −1 when a decrease is worse.
        public var worseSign: Double { self == .lowerIsBetter ? 1 : -1 }
    }

    /// The unit of a metric's values: the built-in ones below, or what a declaration names.
    public struct Unit: RawRepresentable, Sendable, Hashable {
        /// The spelling reports print after a value (`ms`, `tok/s`); empty for a placeholder.
        public let rawValue: String

        /// Creates a unit from its spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let milliseconds = Unit(rawValue: "ms")
        public static let tokensPerSecond = Unit(rawValue: "tok/s")
        public static let requestsPerSecond = Unit(rawValue: "req/s")
        public static let ratio = Unit(rawValue: "ratio")
        public static let usd = Unit(rawValue: "USD")
    }

    /// Whether a metric is sampled per request or computed once per scenario.
    public enum Granularity: String, Sendable, Codable {
        case perRequest = "per_request"
        case perScenario = "per_scenario"
    }
}

extension Metric {
    /// Whether the metric is a share of requests judged by Fisher's exact test on its counts
    /// (`error_rate`: failed of all; `goodput`: good of all).
    public var isJudgedByFisher: Bool { self == .errorRate || self == .goodput }
}
