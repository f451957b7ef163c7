/// Why a simulated generation ended.
enum FinishReason: Sendable, Equatable {
    /// The model's own length was reached (a natural stop).
    case stop
    /// The request's token cap cut the response.
    case length
}

/// Everything random about one response, drawn up front from the request's own generator so that
/// the same seed and request id always give the same plan.
struct GenerationPlan: Sendable, Equatable {
    /// Request id.
    let requestID: UInt64
    /// Number of the request's random stream: the request id, or the client's `x-sim-stream` header.
    let stream: UInt64
    /// Tokens in the response.
    let outputTokens: Int
    /// Tokens per chunk.
    let tokensPerChunk: Int
    /// Content chunks in the response.
    let chunkCount: Int
    /// Why the response ends.
    let finishReason: FinishReason
    /// Delay before the response head (non-zero only for the slow-headers fault), in nanoseconds.
    let headerDelayNanos: Int64
    /// Time to first token after slowdown, in nanoseconds, counted after the header delay.
    let ttftNanos: Int64
    /// Gaps between consecutive chunks after slowdown, in nanoseconds (`chunkCount - 1` of them).
    let gapNanos: [Int64]
    /// The injected fault, if any.
    let fault: Fault?
    /// The chunk at which a mid-stream fault strikes.
    let faultChunk: Int
    /// The response's token text.
    let text: TokenText

    /// Draws the plan of one request from stream `stream` (default: the request id) of `seed`.
    ///
    /// The draw order is fixed (faults, length, TTFT, gaps, text, fault chunk) and every draw happens
    /// whatever the configuration, so changing, say, the fault setting leaves latencies unchanged.
    init(
        requestID: UInt64, stream: UInt64? = nil, seed: UInt64, profile: LatencyProfile, slowdown: Slowdown,
        faults: FaultInjection, maxTokens: Int?
    ) {
        let stream = stream ?? requestID
        var rng = SplitMix64(seed: seed, stream: stream)
        var side = SplitMix64(seed: seed ^ Self.sideStreamKey, stream: stream)
        self.requestID = requestID
        self.stream = stream
        let fault = faults.draw(using: &rng, side: &side)
        self.fault = fault

        let natural = profile.outputLength.sample(using: &rng)
        let capped = min(natural, maxTokens ?? .max)
        outputTokens = max(1, capped)
        finishReason = natural > capped ? .length : .stop
        tokensPerChunk = profile.tokensPerChunk
        // Division first: `outputTokens + tokensPerChunk - 1` overflows for huge chunk sizes.
        chunkCount = outputTokens / tokensPerChunk + (outputTokens % tokensPerChunk == 0 ? 0 : 1)

        headerDelayNanos = fault == .slowHeaders ? max(0, faults.slowHeadersDelay.nanoseconds) : 0
        ttftNanos = Self.nanos(profile.timeToFirstToken.sampleMilliseconds(using: &rng) * slowdown.ttftFactor)
        var gaps: [Int64] = []
        gaps.reserveCapacity(chunkCount - 1)
        var gapFactor = slowdown.gapFactor
        if profile.decodeSpread > 0 {
            // The request's own decode speed comes from a stream of its own, so every other draw stays as it was.
            var speed = SplitMix64(seed: seed ^ Self.speedStreamKey, stream: stream)
            gapFactor *= libmExp(profile.decodeSpread * speed.nextStandardNormal())
        }
        for _ in 1..<max(1, chunkCount) {
            gaps.append(Self.nanos(profile.interChunk.sampleMilliseconds(using: &rng) * gapFactor))
        }
        gapNanos = gaps
        text = TokenText(seed: rng.next())

        let drawn = rng.nextInt(below: chunkCount)
        switch fault {
        case .connectionReset?, .stall?:
            // Strike after at least one chunk when there are two or more, so the client sees a
            // stream that started and then broke.
            let latest = chunkCount - 1
            let chosen = faults.atChunk ?? (chunkCount >= 2 ? 1 + rng.nextInt(below: latest) : 0)
            faultChunk = min(chosen, latest)
        case .cutStream?:
            // The chunks sent before the cut: 0 (an empty stream) up to all of them (content without the end).
            faultChunk = min(faults.atChunk ?? 0, chunkCount)
        default:
            faultChunk = min(faults.atChunk ?? drawn, chunkCount - 1)
        }
    }

    /// Mixed into the seed of the side stream that draws faults added after the first seven.
    static let sideStreamKey: UInt64 = 0x243F_6A88_85A3_08D3
    /// Separates the stream of a request's decode speed from the main and side streams.
    static let speedStreamKey: UInt64 = 0x1319_8A2E_0370_7344

    /// Token indices carried by chunk `index`.
    func tokenRange(ofChunk index: Int) -> Range<Int> {
        let start = index * tokensPerChunk
        return start..<min(start + tokensPerChunk, outputTokens)
    }

    /// Sum of all gaps, in nanoseconds.
    var totalGapNanos: Int64 {
        gapNanos.reduce(0, &+)
    }

    /// Milliseconds to whole nanoseconds, clamped to a century so that absurd factors cannot overflow.
    private static func nanos(_ ms: Double) -> Int64 {
        let ns = (ms * 1_000_000).rounded()
        guard ns.isFinite, ns > 0 else { return 0 }
        return ns >= 3.1e18 ? 3_100_000_000_000_000_000 : Int64(ns)
    }
}
