/// How requests are offered to a target: closed loop at a concurrency, or open loop at a rate.
public struct LoadConfig: Sendable, Equatable, Hashable {
    /// Closed loop keeps `concurrency` requests in flight; open loop sends on a clock regardless of replies.
    public enum Mode: String, Sendable, CaseIterable, Hashable {
        /// A fixed number of requests in flight; each reply lets the next request go.
        case closed
        /// Requests sent at their scheduled times whether or not replies have come.
        case open
    }

    /// How an open loop spaces its intended send times.
    public enum Arrival: String, Sendable, CaseIterable, Hashable {
        /// Exponential gaps (a Poisson process).
        case poisson
        /// Gamma gaps with shape `burstiness` (1 = Poisson; below 1 burstier; above 1 more regular).
        case gamma
        /// Equal gaps.
        case constant
        /// Groups of `burst_size` requests at the same instant, groups spaced to keep the mean rate.
        case burst
    }

    /// The loop kind.
    public var mode: Mode
    /// Requests kept in flight (closed loop).
    public var concurrency: Int
    /// Mean requests per second (open loop).
    public var rate: Double?
    /// Arrival process (open loop).
    public var arrival: Arrival
    /// Gamma shape (open loop, `arrival: gamma`).
    public var burstiness: Double
    /// Requests per burst (`arrival: burst`).
    public var burstSize: Int
    /// Measured requests to send; the run stops at this count or `durationSeconds`, whichever comes first.
    public var requests: Int?
    /// Length of the measured phase in seconds.
    public var durationSeconds: Double?
    /// Requests sent first and excluded from every figure.
    public var warmup: Int
    /// Per-request timeout in seconds.
    public var timeoutSeconds: Double
    /// Open loop: the most requests in flight at once (protects the client; 0 = no cap).
    public var maxInFlight: Int
    /// The largest streamed event (an SSE event or NDJSON line) a request may receive, in bytes;
    /// a larger one fails the request as `response_too_large` (protects the client's memory).
    public var maxEventBytes: Int
    /// The largest response body a request may receive, streamed or not, in bytes; a larger one
    /// fails the request as `response_too_large`.
    public var maxResponseBytes: Int

    /// The measured request count used when neither `requests` nor `duration` is given.
    public static let defaultRequests = 100
    /// Default `max_event_size`: 8 MiB, far above any event an LLM API streams (a few hundred bytes to tens of KiB).
    public static let defaultMaxEventBytes = 8 << 20
    /// Default `max_response_size`: 64 MiB, far above any realistic completion.
    public static let defaultMaxResponseBytes = 64 << 20
    /// Accepted range of `max_event_size`: 1 KiB to 1 GiB.
    public static let eventBytesRange = (1 << 10)...(1 << 30)
    /// Accepted range of `max_response_size`: 1 KiB to 4 GiB.
    public static let responseBytesRange = (1 << 10)...(4 << 30)

    /// Creates a load profile.
    public init(
        mode: Mode = .closed, concurrency: Int = 1, rate: Double? = nil, arrival: Arrival = .poisson, burstiness: Double = 1,
        burstSize: Int = 1, requests: Int? = nil, durationSeconds: Double? = nil, warmup: Int = 0, timeoutSeconds: Double = 60,
        maxInFlight: Int = 0, maxEventBytes: Int = LoadConfig.defaultMaxEventBytes,
        maxResponseBytes: Int = LoadConfig.defaultMaxResponseBytes
    ) {
        self.mode = mode
        self.concurrency = concurrency
        self.rate = rate
        self.arrival = arrival
        self.burstiness = burstiness
        self.burstSize = burstSize
        self.requests = requests
        self.durationSeconds = durationSeconds
        self.warmup = warmup
        self.timeoutSeconds = timeoutSeconds
        self.maxInFlight = maxInFlight
        self.maxEventBytes = maxEventBytes
        self.maxResponseBytes = maxResponseBytes
    }

    /// The measured request budget: `requests`, or unbounded when only a duration is set.
    public var requestLimit: Int? {
        if let requests { return requests }
        return durationSeconds == nil ? Self.defaultRequests : nil
    }
}

extension LoadConfig {
    static let keys = [
        "mode", "concurrency", "rate", "arrival", "burstiness", "burst_size", "requests", "duration", "warmup",
        "timeout", "max_in_flight", "max_event_size", "max_response_size",
    ]

    /// Reads a `load:` mapping over `defaults` (keys not written keep the default's value).
    init(yaml node: YAMLNode, at path: FieldPath, over defaults: LoadConfig) throws(FieldError) {
        self = defaults
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        if let node = mapping.optional("mode") { mode = try node.choice(Mode.self, at: mapping.path("mode")) }
        if let node = mapping.optional("concurrency") {
            concurrency = try node.integer(at: mapping.path("concurrency"), in: InputLimits.concurrency)
        }
        if let node = mapping.optional("rate") {
            rate = try node.number(at: mapping.path("rate"), in: InputLimits.rate)
            // Writing a rate without a mode means an open loop: a rate has no meaning in a closed one.
            if mapping.optional("mode") == nil { mode = .open }
        }
        if let node = mapping.optional("arrival") { arrival = try node.choice(Arrival.self, at: mapping.path("arrival")) }
        if let node = mapping.optional("burstiness") {
            burstiness = try node.number(at: mapping.path("burstiness"), in: InputLimits.burstiness)
            if mapping.optional("arrival") == nil { arrival = .gamma }
        }
        if let node = mapping.optional("burst_size") {
            burstSize = try node.integer(at: mapping.path("burst_size"), in: InputLimits.burstSize)
        }
        if let node = mapping.optional("requests") { requests = try node.integer(at: mapping.path("requests"), in: InputLimits.requests) }
        if let node = mapping.optional("duration") {
            durationSeconds = try node.durationSeconds(at: mapping.path("duration"), in: InputLimits.durationSeconds)
        }
        if let node = mapping.optional("warmup") { warmup = try node.integer(at: mapping.path("warmup"), in: InputLimits.warmup) }
        if let node = mapping.optional("timeout") {
            timeoutSeconds = try node.durationSeconds(at: mapping.path("timeout"), in: InputLimits.timeoutSeconds)
        }
        if let node = mapping.optional("max_in_flight") {
            maxInFlight = try node.integer(at: mapping.path("max_in_flight"), in: InputLimits.maxInFlight)
        }
        if let node = mapping.optional("max_event_size") {
            maxEventBytes = try node.byteSize(at: mapping.path("max_event_size"), in: Self.eventBytesRange)
        }
        if let node = mapping.optional("max_response_size") {
            maxResponseBytes = try node.byteSize(at: mapping.path("max_response_size"), in: Self.responseBytesRange)
        }
        if mode == .open, rate == nil {
            throw FieldError(path, at: node.position, "an open loop needs rate (requests per second)")
        }
        if mode == .closed, let node = mapping.optional("rate") {
            throw FieldError(mapping.path("rate"), at: node.position, "rate applies to mode: open only (closed loops use concurrency)")
        }
    }
}
