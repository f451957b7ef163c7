import LensCore

/// How many tokens a response has before the request's own cap (`max_tokens` and friends) applies.
public enum OutputLength: Sendable, Equatable {
    /// Always this many tokens.
    case fixed(Int)
    /// A uniform draw from the range, inclusive.
    case uniform(ClosedRange<Int>)

    /// Draws a length for one request.
    func sample(using rng: inout SplitMix64) -> Int {
        switch self {
        case .fixed(let n):
            return n
        case .uniform(let range):
            return range.lowerBound + rng.nextInt(below: range.count)
        }
    }
}

/// The latency behaviour of one simulated model: when the first token comes, how the rest are
/// spaced and grouped, and how long responses are.
public struct LatencyProfile: Sendable, Equatable {
    /// Time from the end of the request to the first content chunk.
    public let timeToFirstToken: LatencyDistribution
    /// Gap between consecutive content chunks.
    public let interChunk: LatencyDistribution
    /// Tokens carried by each chunk (the last chunk may carry fewer).
    public let tokensPerChunk: Int
    /// Length of a response before the request's cap.
    public let outputLength: OutputLength
    /// Spread of each request's own decode speed: every gap of a request is multiplied by one
    /// factor exp(σ·Z) drawn for that request (0 = every request decodes alike). Real engines
    /// decode each request at its own speed (batch composition, context length).
    public let decodeSpread: Double

    /// Validates and builds a profile; `tokensPerChunk` and lengths must lie in `InputLimits.tokens`
    /// (the plan of a response holds one gap per chunk, so a length bounds its memory).
    public init(
        timeToFirstToken: LatencyDistribution,
        interChunk: LatencyDistribution,
        tokensPerChunk: Int = 1,
        outputLength: OutputLength = .fixed(16),
        decodeSpread: Double = 0
    ) throws(SimulatorError) {
        let tokens = InputLimits.tokens
        guard InputLimits.jitter.contains(decodeSpread) else {
            throw .invalidParameter(name: "decode spread", value: "\(decodeSpread)", remedy: "use a number \(InputLimits.jitter)")
        }
        guard tokens.contains(tokensPerChunk) else {
            throw .invalidParameter(
                name: "tokens per chunk", value: "\(tokensPerChunk)", remedy: "use an integer \(tokens)")
        }
        switch outputLength {
        case .fixed(let n) where !tokens.contains(n):
            throw .invalidParameter(name: "output length", value: "\(n)", remedy: "use an integer \(tokens)")
        case .uniform(let r) where !tokens.contains(r.lowerBound) || !tokens.contains(r.upperBound):
            throw .invalidParameter(
                name: "output length range", value: "\(r)", remedy: "use a range of integers \(tokens)")
        default:
            break
        }
        self.timeToFirstToken = timeToFirstToken
        self.interChunk = interChunk
        self.tokensPerChunk = tokensPerChunk
        self.outputLength = outputLength
        self.decodeSpread = decodeSpread
    }

    /// A quick default: 20 ms to the first token, 5 ms between tokens, 16 tokens, one token a chunk.
    public static let standard = LatencyProfile(
        unchecked: LatencyDistribution(kind: .constant(20)),
        interChunk: LatencyDistribution(kind: .constant(5)),
        tokensPerChunk: 1,
        outputLength: .fixed(16))

    private init(
        unchecked ttft: LatencyDistribution, interChunk: LatencyDistribution,
        tokensPerChunk: Int, outputLength: OutputLength
    ) {
        self.timeToFirstToken = ttft
        self.interChunk = interChunk
        self.tokensPerChunk = tokensPerChunk
        self.outputLength = outputLength
        self.decodeSpread = 0
    }
}
