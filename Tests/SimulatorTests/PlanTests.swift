import Testing

@testable import Simulator

@Suite("Latency distributions and plans")
struct PlanTests {
    private func samples(_ d: LatencyDistribution, _ n: Int = 20_000, seed: UInt64 = 1) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in d.sampleMilliseconds(using: &rng) }
    }

    private func median(_ xs: [Double]) -> Double {
        xs.sorted()[xs.count / 2]
    }

    @Test("constant is constant; normal is truncated at 0 with about the right mean")
    func constantAndNormal() throws {
        #expect(samples(try .constant(.milliseconds(7))).allSatisfy { $0 == 7 })
        let wide = samples(try .normal(mean: .milliseconds(1), standardDeviation: .milliseconds(5)))
        #expect(wide.allSatisfy { $0 >= 0 })
        let narrow = samples(try .normal(mean: .milliseconds(100), standardDeviation: .milliseconds(10)))
        let mean = narrow.reduce(0, +) / Double(narrow.count)
        // Standard error is 10 / sqrt(20000) ≈ 0.07 ms; 1 ms is > 10 standard errors.
        #expect(abs(mean - 100) < 1)
    }

    @Test("log-normal has the given median; empirical draws only given values")
    func logNormalAndEmpirical() throws {
        let ln = samples(try .logNormal(median: .milliseconds(50), sigma: 0.5))
        #expect(abs(median(ln) - 50) < 2)
        #expect(ln.allSatisfy { $0 > 0 })
        let values: [Double] = [1, 2.5, 40]
        let emp = samples(try .empirical(milliseconds: values))
        #expect(Set(emp) == Set(values))
    }

    @Test("invalid parameters are refused with typed errors")
    func validation() {
        #expect(throws: SimulatorError.self) { try LatencyDistribution.constant(.milliseconds(-1)) }
        #expect(throws: SimulatorError.self) { try LatencyDistribution.logNormal(median: .milliseconds(1), sigma: -1) }
        #expect(throws: SimulatorError.self) { try LatencyDistribution.empirical(milliseconds: []) }
        #expect(throws: SimulatorError.self) { try LatencyDistribution.empirical(milliseconds: [1, .nan]) }
        #expect(throws: SimulatorError.self) {
            try LatencyProfile(timeToFirstToken: .constant(.zero), interChunk: .constant(.zero), tokensPerChunk: 0)
        }
        #expect(throws: SimulatorError.self) {
            try LatencyProfile(timeToFirstToken: .constant(.zero), interChunk: .constant(.zero), outputLength: .uniform(0...3))
        }
        #expect(throws: SimulatorError.self) { try Slowdown(overall: 0) }
    }

    @Test("plans: tokens capped by the request, chunk count and gaps follow tokens per chunk")
    func plans() throws {
        let profile = try LatencyProfile(
            timeToFirstToken: .constant(.milliseconds(10)), interChunk: .constant(.milliseconds(2)),
            tokensPerChunk: 3, outputLength: .fixed(10))
        let free = GenerationPlan(requestID: 1, seed: 0, profile: profile, slowdown: .none, faults: .none, maxTokens: nil)
        #expect(free.outputTokens == 10 && free.chunkCount == 4 && free.finishReason == .stop)
        #expect(free.gapNanos == [2_000_000, 2_000_000, 2_000_000])
        #expect(free.ttftNanos == 10_000_000)
        #expect((0..<4).map { free.tokenRange(ofChunk: $0) } == [0..<3, 3..<6, 6..<9, 9..<10])
        let capped = GenerationPlan(requestID: 1, seed: 0, profile: profile, slowdown: .none, faults: .none, maxTokens: 4)
        #expect(capped.outputTokens == 4 && capped.chunkCount == 2 && capped.finishReason == .length)
    }

    @Test("plans depend on seed and request id only, and faults do not shift latencies")
    func planDeterminism() throws {
        let profile = try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(10), sigma: 1),
            interChunk: .normal(mean: .milliseconds(3), standardDeviation: .milliseconds(1)),
            outputLength: .uniform(1...50))
        func plan(_ id: UInt64, _ seed: UInt64, _ faults: FaultInjection = .none) -> GenerationPlan {
            GenerationPlan(requestID: id, seed: seed, profile: profile, slowdown: .none, faults: faults, maxTokens: nil)
        }
        #expect(plan(5, 9) == plan(5, 9))
        #expect(plan(5, 9) != plan(6, 9))
        #expect(plan(5, 9) != plan(5, 10))
        let faulty = plan(5, 9, .always(.malformedFrame))
        #expect(faulty.ttftNanos == plan(5, 9).ttftNanos && faulty.gapNanos == plan(5, 9).gapNanos)
        #expect(faulty.fault == .malformedFrame)
    }

    @Test("mid-stream faults strike after at least one chunk when there are two or more")
    func faultChunk() throws {
        let profile = try LatencyProfile(
            timeToFirstToken: .constant(.zero), interChunk: .constant(.zero), outputLength: .uniform(1...6))
        for id in 1...300 as ClosedRange<UInt64> {
            let p = GenerationPlan(
                requestID: id, seed: 3, profile: profile, slowdown: .none, faults: .always(.connectionReset), maxTokens: nil)
            #expect(p.faultChunk < p.chunkCount)
            if p.chunkCount >= 2 { #expect(p.faultChunk >= 1) }
        }
    }

    @Test("token text is deterministic short ASCII words")
    func tokenText() {
        let text = TokenText(seed: 12)
        #expect(text.string(0..<5) == TokenText(seed: 12).string(0..<5))
        #expect(text.string(0..<5).split(separator: " ").count == 5)
        #expect(text.string(0..<64).allSatisfy { $0.isASCII })
    }

    @Test("wall clock renders RFC 3339 in UTC")
    func rfc3339() {
        #expect(WallClock.Instant(seconds: 0, nanoseconds: 5).rfc3339 == "1970-01-01T00:00:00.000000005Z")
        #expect(WallClock.Instant(seconds: 1_709_251_199, nanoseconds: 0).rfc3339 == "2024-02-29T23:59:59.000000000Z")
    }
}
