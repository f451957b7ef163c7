import LensCore
import Stats

/// Makes synthetic streamed runs as real engines produce them: each request decodes at its own
/// speed (batch composition, context length), so its inter-chunk gaps are alike and differ from
/// another request's; a chunk may carry several tokens. Every metric a streamed run has is
/// filled in (TTFT, ITL with request labels, TPOT, e2e, output tokens per second, counts,
/// totals), so the gate's default rules judge the run as they would a real one.
public struct StreamFactory: Sendable {
    /// Requests per run.
    public var requests: Int
    /// Streamed chunks (gaps) per request.
    public var chunks: Int
    /// Standard deviation of the log of a request's decode speed (0: every request alike).
    public var requestSpread: Double
    /// Tokens per chunk: each chunk carries 1 … this many (uniform).
    public var tokensPerChunk: Int
    /// Standard deviation of the log of each gap around its request's speed.
    public var jitter = 0.05
    /// Median time per token (ms) and median TTFT (ms).
    public var tokenMs = 20.0, ttftMs = 150.0

    /// Creates a factory.
    public init(requests: Int, chunks: Int, requestSpread: Double, tokensPerChunk: Int) {
        self.requests = requests
        self.chunks = chunks
        self.requestSpread = requestSpread
        self.tokensPerChunk = tokensPerChunk
    }

    /// One run of scenario `s0`; `decodeSlowdown` multiplies every request's time per token.
    public func run(decodeSlowdown: Double = 1, using generator: inout SeededGenerator) -> Results {
        var ttft: [Double] = []
        var gaps: [Double] = []
        var labels: [Int] = []
        var tpot: [Double] = []
        var e2e: [Double] = []
        var rate: [Double] = []
        var outputTokens = 0
        func ms(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        for request in 0..<requests {
            let first = ttftMs * Double.exp(0.25 * RandomVariates.standardNormal(using: &generator))
            let perToken = tokenMs * decodeSlowdown * Double.exp(requestSpread * RandomVariates.standardNormal(using: &generator))
            var decode = 0.0
            var tokens = 1
            for _ in 0..<chunks {
                let carried = Int.random(in: 1...max(1, tokensPerChunk), using: &generator)
                let gap = Double(carried) * perToken * Double.exp(jitter * RandomVariates.standardNormal(using: &generator))
                gaps.append(ms(gap))
                labels.append(request)
                decode += gap
                tokens += carried
            }
            ttft.append(ms(first))
            e2e.append(ms(first + decode))
            tpot.append(ms(decode / Double(tokens - 1)))
            rate.append(ms(Double(tokens) / ((first + decode) / 1000)))
            outputTokens += tokens
        }
        var scenario = ScenarioResult(
            name: "s0", target: "t", workload: "w",
            samples: MetricSamples([.ttftMs: ttft, .itlMs: gaps, .tpotMs: tpot, .e2eMs: e2e, .outputTokensPerSecond: rate]),
            counts: RequestCounts(requests: requests, succeeded: requests, failed: 0),
            totals: ScenarioTotals(durationSeconds: e2e.reduce(0, +) / 1000 / 8, outputTokens: outputTokens),
            tokenSource: .server)
        scenario.sampleRequests = SampleLabels([.itlMs: labels])
        return Results(run: RunMetadata(toolVersion: LensVersion.current, configFingerprint: "fnv1a64:streams"), scenarios: [scenario])
    }
}
