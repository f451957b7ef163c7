import LensCore
import Stats
import Testing

@testable import Gate

/// Interleaved pairs with block labels are compared within blocks (van Elteren).
@Suite struct BlockedComparisonTests {
    /// One side of an interleaved run: 10 blocks of 20 requests, the endpoint drifting +30% per block.
    func side(_ role: InterleavedSide.Role, factor: Double, seed: UInt64) -> ScenarioResult {
        var generator = SeededGenerator(seed: seed)
        var values: [Double] = []
        var blocks: [Int] = []
        for block in 0..<10 {
            for _ in 0..<20 {
                let drift = 1 + 0.3 * Double(block)
                values.append(
                    (100 * drift * factor * Double.exp(0.2 * RandomVariates.standardNormal(using: &generator)) * 1000).rounded() / 1000)
                blocks.append(block)
            }
        }
        var scenario = ScenarioResult(name: "chat", samples: MetricSamples([.ttftMs: values]))
        scenario.interleaved = InterleavedSide(role: role, pair: "chat", blockSize: 20)
        scenario.sampleBlocks = SampleLabels([.ttftMs: blocks])
        return scenario
    }

    func config() -> GateConfig {
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        config.noiseModel = .withinRun
        return config
    }

    @Test func driftingEndpointStillShowsTheCandidatesSlowdown() {
        let verdict = evaluate(
            Results(scenarios: [side(.candidate, factor: 1.12, seed: 2)]),
            baseline: Results(scenarios: [side(.baseline, factor: 1, seed: 1)]), config: config())
        let check = verdict.checks.first
        #expect(check?.method == .mannWhitneyBlocked)
        #expect((check?.change?.pWorse ?? 1) < 1e-4)
        #expect(check?.outcome == .regressed)
        #expect(check?.notes.contains { $0.contains("randomized blocks") } == true)

        // Without block labels the same data goes to the plain test, which the drift dilutes.
        var candidate = side(.candidate, factor: 1.12, seed: 2)
        var baseline = side(.baseline, factor: 1, seed: 1)
        candidate.sampleBlocks = nil
        baseline.sampleBlocks = nil
        let plain = evaluate(Results(scenarios: [candidate]), baseline: Results(scenarios: [baseline]), config: config())
        #expect(plain.checks.first?.method == .mannWhitney)
        #expect((plain.checks.first?.change?.pWorse ?? 0) > (check?.change?.pWorse ?? 1))
    }

    @Test func identicalSidesPass() {
        let verdict = evaluate(
            Results(scenarios: [side(.candidate, factor: 1, seed: 3)]),
            baseline: Results(scenarios: [side(.baseline, factor: 1, seed: 4)]), config: config())
        #expect(verdict.passed)
    }

    @Test func interleavedFileSplitsIntoItsSides() throws {
        var baselineSide = side(.baseline, factor: 1, seed: 1)
        baselineSide.name = InterleavedSide.baselineName(of: "chat")
        let file = Results(scenarios: [side(.candidate, factor: 1, seed: 2), baselineSide])
        let sides = try file.interleavedSides()
        #expect(sides?.candidate.scenarios.map(\.name) == ["chat"])
        #expect(sides?.baseline.scenarios.map(\.name) == ["chat"])
        let lonely = Results(scenarios: [side(.candidate, factor: 1, seed: 2)])
        #expect(throws: FieldError.self) { try lonely.interleavedSides() }
        // Written and read back, the markers and labels survive.
        let text = JSONWriter().string(file.json)
        #expect(try Results(json: JSONParser.parse(text)) == file)
    }
}
