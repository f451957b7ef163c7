/// What one scenario (a target × workload pair) measured in one run.
public struct ScenarioResult: Sendable, Equatable {
    /// Unique name within the run; the key that pairs scenarios with the baseline.
    public var name: String
    /// The target (endpoint) name from the config.
    public var target: String?
    /// The workload name from the config.
    public var workload: String?
    /// The model that served the requests.
    public var model: String?
    /// Raw per-request samples, latencies measured from the intended send time.
    public var samples: MetricSamples
    /// TTFT and e2e measured from the actual send time (differs from `samples` only under open-loop load).
    public var samplesFromActualSend: MetricSamples?
    /// Request outcome counts.
    public var counts: RequestCounts?
    /// Whole-scenario totals.
    public var totals: ScenarioTotals?
    /// Where the output token counts came from (server usage, the server's tokenizer, or counted by lens-gate).
    public var tokenSource: TokenSource?
    /// Set when this scenario is one side of an interleaved A/B run.
    public var interleaved: InterleavedSide?
    /// The randomized block of each sample (interleaved runs only), for the blocked analysis.
    public var sampleBlocks: SampleLabels?
    /// The request (numbered within this run) of each sample of a per-chunk metric (`itl_ms`):
    /// what tells its gaps apart as clusters, so inference resamples requests, not gaps.
    public var sampleRequests: SampleLabels?
    /// Per-request figures the serving engine reported about itself (Ollama durations and counts).
    public var engineSamples: EngineSamples?
    /// The wall-clock span of the measured phase (sharded runs, and merged files: the shards' span).
    public var measuredWindow: MeasuredWindow?
    /// How many requests met every limit of an SLO, and the SLO (nil: no SLO was set, or the
    /// requests were not recorded one by one).
    public var goodput: Goodput?
    /// Declared per-scenario metrics' values (`"values"`).
    public var values = ScenarioValues()

    /// Creates a scenario result.
    public init(
        name: String, target: String? = nil, workload: String? = nil, model: String? = nil,
        samples: MetricSamples = MetricSamples(), samplesFromActualSend: MetricSamples? = nil,
        counts: RequestCounts? = nil, totals: ScenarioTotals? = nil, tokenSource: TokenSource? = nil,
        engineSamples: EngineSamples? = nil
    ) {
        self.name = name
        self.target = target
        self.workload = workload
        self.model = model
        self.samples = samples
        self.samplesFromActualSend = samplesFromActualSend
        self.counts = counts
        self.totals = totals
        self.tokenSource = tokenSource
        self.engineSamples = engineSamples
    }

    /// The one-per-scenario value of a per-scenario metric, derived from counts and totals.
    ///
    /// `nil` when the inputs it needs are absent (a minimal hand-written file has no counts).
    /// A throughput beyond `InputLimits.sampleValue` (a duration of a few attoseconds) is not
    /// given: no file could carry it (a history line would hold `null`), and the reader refuses it.
    public func scenarioValue(_ metric: Metric) -> Double? {
        guard let value = derivedValue(metric), InputLimits.sampleValue.contains(value) else { return nil }
        return value
    }

    /// The per-scenario value as computed, before the bound.
    func derivedValue(_ metric: Metric) -> Double? {
        switch metric {
        case .errorRate:
            guard let counts, counts.requests > 0 else { return nil }
            return Double(counts.failed) / Double(counts.requests)
        case .requestThroughput:
            guard let counts, let duration = totals?.durationSeconds, duration > 0 else { return nil }
            return Double(counts.succeeded) / duration
        case .outputThroughput:
            guard let tokens = totals?.outputTokens, let duration = totals?.durationSeconds, duration > 0 else { return nil }
            return Double(tokens) / duration
        case .goodput:
            guard let goodput, let counts, counts.requests > 0 else { return nil }
            return Double(goodput.good) / Double(counts.requests)
        case .goodputRPS:
            guard let goodput, let duration = totals?.durationSeconds, duration > 0 else { return nil }
            return Double(goodput.good) / duration
        default:
            return metric.isBuiltIn ? nil : values[metric]
        }
    }

    /// The metrics this scenario can be judged on: sampled ones plus derivable per-scenario ones.
    public var availableMetrics: [Metric] {
        let builtIn = Metric.builtIns.filter { metric in
            metric.granularity == .perRequest ? !(samples[metric]?.isEmpty ?? true) : scenarioValue(metric) != nil
        }
        let declared = samples.metrics.filter { !$0.isBuiltIn && !(samples[$0]?.isEmpty ?? true) } + values.metrics
        return builtIn + declared.sorted()
    }
}

/// Per-request samples keyed by metric.
public struct MetricSamples: Sendable, Equatable {
    private var storage: [Metric: [Double]]

    /// Creates samples from a metric→values table.
    public init(_ storage: [Metric: [Double]] = [:]) { self.storage = storage }

    /// The samples of one metric, if measured.
    public subscript(metric: Metric) -> [Double]? {
        get { storage[metric] }
        set { storage[metric] = newValue }
    }

    /// The metrics that have samples, in declaration order.
    public var metrics: [Metric] { storage.keys.sorted() }

    /// True when no metric has samples.
    public var isEmpty: Bool { storage.isEmpty }
}

/// How many requests a scenario sent and how they ended.
public struct RequestCounts: Sendable, Equatable {
    /// Requests that count (warmup excluded).
    public var requests: Int
    /// Requests that completed successfully.
    public var succeeded: Int
    /// Requests that failed, any reason.
    public var failed: Int
    /// Warmup requests sent and excluded from every figure.
    public var warmup: Int
    /// Failed requests by error class.
    public var errors: [RequestErrorClass: Int]

    /// Creates counts.
    public init(requests: Int, succeeded: Int, failed: Int, warmup: Int = 0, errors: [RequestErrorClass: Int] = [:]) {
        self.requests = requests
        self.succeeded = succeeded
        self.failed = failed
        self.warmup = warmup
        self.errors = errors
    }
}

/// Why a request failed, as the runner classifies it.
public enum RequestErrorClass: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// The TCP/TLS connection could not be made.
    case connect
    /// The request exceeded its timeout.
    case timeout
    /// HTTP 4xx other than 429.
    case http4xx = "http_4xx"
    /// HTTP 429, rate limited.
    case http429 = "http_429"
    /// HTTP 5xx.
    case http5xx = "http_5xx"
    /// The transfer was cut at the transport level (connection reset or closed mid-body) after the response began.
    case streamTruncated = "stream_truncated"
    /// A frame of the stream could not be parsed.
    case streamMalformed = "stream_malformed"
    /// The response ended without any generated content (a role-only or empty stream, no choices).
    case emptyResponse = "empty_response"
    /// The stream closed cleanly but without its protocol's end marker (OpenAI `finish_reason`,
    /// Anthropic `message_stop`, Ollama `done: true`, TGI's final `generated_text`): the server abandoned it.
    case streamIncomplete = "stream_incomplete"
    /// A streamed event or the whole response exceeded its size cap (`load.max_event_size`, `load.max_response_size`).
    case responseTooLarge = "response_too_large"

    /// Orders classes as declared.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Totals over a scenario's counted requests.
public struct ScenarioTotals: Sendable, Equatable {
    /// Wall-clock duration of the measured phase, in seconds.
    public var durationSeconds: Double?
    /// Prompt tokens over all requests.
    public var inputTokens: Int?
    /// Generated tokens over all requests.
    public var outputTokens: Int?
    /// Cost of all requests in US dollars.
    public var costUSD: Double?

    /// Creates totals.
    public init(durationSeconds: Double? = nil, inputTokens: Int? = nil, outputTokens: Int? = nil, costUSD: Double? = nil) {
        self.durationSeconds = durationSeconds
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
    }
}

/// Where output token counts came from.
public enum TokenSource: String, Sendable, Codable, CaseIterable {
    /// The server's usage report.
    case server
    /// Counted by lens-gate: one per streamed content chunk, or UTF-8 bytes / 4 of a non-streamed reply (approximate).
    case counted
    /// The generated text counted by the server's tokenize endpoint after the measured phase.
    case tokenizer
    /// Successful requests got their counts from more than one of the sources above.
    case mixed
}

/// The one number per scenario of each declared per-scenario metric (`"values"`): figures a
/// scenario has once, such as an engine's preemption count or another runner's aggregate p95.
public struct ScenarioValues: Sendable, Equatable {
    private var storage: [Metric: Double]

    /// Creates values from a metric→value table.
    public init(_ storage: [Metric: Double] = [:]) { self.storage = storage }

    /// The value of one metric, if the scenario has it.
    public subscript(metric: Metric) -> Double? {
        get { storage[metric] }
        set { storage[metric] = newValue }
    }

    /// The metrics that have a value, in report order.
    public var metrics: [Metric] { storage.keys.sorted() }

    /// True when no metric has a value.
    public var isEmpty: Bool { storage.isEmpty }
}

extension ScenarioValues {
    init(json node: JSONNode, at path: FieldPath, metrics catalog: MetricCatalog) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, valueNode) in object.members {
            let metricPath = path.appending(key)
            let metric = try catalog.metric(key: key, at: metricPath, position: valueNode.position)
            guard !metric.isBuiltIn else {
                throw FieldError(
                    metricPath, at: valueNode.position,
                    "\(key) is built in: lens-gate computes it (samples, counts and totals), \"values\" holds declared metrics only")
            }
            guard metric.granularity == .perScenario else {
                throw FieldError(
                    metricPath, at: valueNode.position, "\(key) is declared per request: its samples go under \"samples\"")
            }
            let value = try valueNode.number(at: metricPath)
            guard value >= 0 else {
                throw FieldError(metricPath, at: valueNode.position, "negative value \(value) (\(key) cannot be negative)")
            }
            guard InputLimits.sampleValue.contains(value) else {
                throw FieldError(metricPath, at: valueNode.position, InputLimits.sampleValue.violation(value))
            }
            self[metric] = value
        }
    }

    var json: JSONValue {
        .object(metrics.compactMap { metric in self[metric].map { (key: metric.name, value: JSONNode(.number($0))) } })
    }
}
