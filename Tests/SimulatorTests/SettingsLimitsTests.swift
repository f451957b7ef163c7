import Testing

@testable import Simulator

/// Settings given as numbers (config keys, `lens-gate sim` flags) are refused outside their
/// documented ranges before anything converts them: `--ttft-ms nan` used to trap converting to
/// nanoseconds, `--tokens-per-chunk 9223372036854775807` overflowed the chunk count on the first
/// request, and a huge output length allocated one gap per token.
@Suite("Simulator settings limits")
struct SettingsLimitsTests {
    @Test(
        "latencies in milliseconds are refused when not finite, not positive or beyond an hour",
        arguments: [Double.nan, .infinity, -.infinity, 0, -1, 1e15, 1e308, 3_600_000.5])
    func badMilliseconds(ms: Double) {
        #expect(throws: SimulatorError.self) { try LatencyDistribution.milliseconds(median: ms, jitter: 0, name: "ttft") }
        #expect(throws: SimulatorError.self) { try LatencyDistribution.milliseconds(median: ms, jitter: 0.2, name: "ttft") }
    }

    @Test("the jitter is a sigma in [0, 3]", arguments: [Double.nan, .infinity, -0.1, 3.01])
    func badJitter(jitter: Double) {
        #expect(throws: SimulatorError.self) { try LatencyDistribution.milliseconds(median: 10, jitter: jitter, name: "ttft") }
    }

    @Test("valid milliseconds give a constant or a log-normal distribution")
    func goodMilliseconds() throws {
        #expect(try LatencyDistribution.milliseconds(median: 120, jitter: 0, name: "ttft").description == "constant(120.0ms)")
        #expect(
            try LatencyDistribution.milliseconds(median: 3_600_000, jitter: 3, name: "ttft").description
                == "lognormal(median 3600000.0ms, sigma 3.0)")
    }

    @Test("token counts beyond a million are refused", arguments: [0, 1_000_001, Int.max])
    func badTokens(count: Int) throws {
        let latency = try LatencyDistribution.milliseconds(median: 1, jitter: 0, name: "ttft")
        #expect(throws: SimulatorError.self) { try LatencyProfile(timeToFirstToken: latency, interChunk: latency, tokensPerChunk: count) }
        #expect(throws: SimulatorError.self) {
            try LatencyProfile(timeToFirstToken: latency, interChunk: latency, outputLength: .fixed(count))
        }
        if count > 1 {
            #expect(throws: SimulatorError.self) {
                try LatencyProfile(timeToFirstToken: latency, interChunk: latency, outputLength: .uniform(1...count))
            }
        }
    }

    @Test("the largest chunk size gives one chunk, with no overflow in the chunk count")
    func largestChunk() throws {
        let latency = try LatencyDistribution.milliseconds(median: 1, jitter: 0, name: "ttft")
        let profile = try LatencyProfile(
            timeToFirstToken: latency, interChunk: latency, tokensPerChunk: 1_000_000,
            outputLength: .fixed(1_000_000))
        let plan = GenerationPlan(requestID: 1, seed: 0, profile: profile, slowdown: .none, faults: .none, maxTokens: nil)
        #expect(plan.chunkCount == 1)
        #expect(plan.gapNanos.isEmpty)
    }

    @Test("threads beyond 256 are refused before any event loop starts", arguments: [0, 257, 4_294_967_296])
    func badThreads(threads: Int) async {
        let configuration = SimulatorConfiguration(port: 0, threads: threads)
        await #expect(throws: SimulatorError.self) { try await SimulatorServer.start(configuration) }
    }
}
