/// What the goodput definition needs to know about one request: whether it succeeded, and its
/// latencies as recorded (a latency the request has no measurement of is nil).
public struct RequestLatencies: Sendable, Equatable {
    /// Whether the request completed successfully.
    public var succeeded: Bool
    /// Time to first token, ms (nil when not streamed, or not recorded).
    public var ttftMs: Double?
    /// Time per output token after the first, ms (nil when it cannot be computed).
    public var tpotMs: Double?
    /// End-to-end latency, ms.
    public var e2eMs: Double?
    /// Generated tokens, when known.
    public var outputTokens: Int?

    /// Creates a request's figures.
    public init(succeeded: Bool, ttftMs: Double? = nil, tpotMs: Double? = nil, e2eMs: Double? = nil, outputTokens: Int? = nil) {
        self.succeeded = succeeded
        self.ttftMs = ttftMs
        self.tpotMs = tpotMs
        self.e2eMs = e2eMs
        self.outputTokens = outputTokens
    }
}
