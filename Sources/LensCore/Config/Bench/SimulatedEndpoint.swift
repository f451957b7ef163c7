/// How an embedded simulator target behaves (`provider: simulator`, key `simulator:`).
///
/// The simulator stands in for the system under test, so these settings are deliberately not
/// part of the config fingerprint: slowing it down is how a demo fakes a regression.
public struct SimulatedEndpoint: Sendable, Equatable {
    /// Median time to first token, milliseconds.
    public var ttftMs: Double = 120
    /// Median gap between streamed chunks, milliseconds.
    public var itlMs: Double = 12
    /// Spread of every latency: the sigma of a log-normal (0 = constant).
    public var jitter: Double = 0.2
    /// Output tokens per response (before the request's max_tokens).
    public var tokens: Int = 64
    /// Tokens per streamed chunk.
    public var tokensPerChunk: Int = 1
    /// Spread of each request's own decode speed: the sigma of a log-normal factor on all of a
    /// request's gaps (0 = every request decodes alike).
    public var decodeSpread: Double = 0
    /// Seed of the simulator's random draws.
    public var seed: UInt64 = 1
    /// Factor on every latency (1.15 = 15% slower).
    public var slowdown: Double = 1

    /// Creates the default behaviour.
    public init() {}

    static let keys = ["ttft_ms", "itl_ms", "jitter", "tokens", "tokens_per_chunk", "decode_spread", "seed", "slowdown"]

    init(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        self.init()
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        func number(_ key: String, in range: ValidRange<Double>) throws(FieldError) -> Double? {
            try mapping.optional(key)?.number(at: mapping.path(key), in: range)
        }
        func count(_ key: String) throws(FieldError) -> Int? {
            try mapping.optional(key)?.integer(at: mapping.path(key), in: InputLimits.tokens)
        }
        ttftMs = try number("ttft_ms", in: InputLimits.simulatedLatencyMs) ?? ttftMs
        itlMs = try number("itl_ms", in: InputLimits.simulatedLatencyMs) ?? itlMs
        slowdown = try number("slowdown", in: InputLimits.slowdown) ?? slowdown
        jitter = try number("jitter", in: InputLimits.jitter) ?? jitter
        decodeSpread = try number("decode_spread", in: InputLimits.jitter) ?? decodeSpread
        tokens = try count("tokens") ?? tokens
        tokensPerChunk = try count("tokens_per_chunk") ?? tokensPerChunk
        if let node = mapping.optional("seed") { seed = try node.seed(at: mapping.path("seed")) }
    }
}
