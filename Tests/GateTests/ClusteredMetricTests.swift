import DecisionSimulation
import LensCore
import Stats
import Testing

@testable import Gate

/// `itl_ms` comes many gaps per request; with each gap's request known the gate treats the
/// request as the replicate (tests on per-request means, intervals resampling requests).
@Suite struct ClusteredMetricTests {
    /// 60 requests × 30 chunks, each request decoding at its own speed (σ = 0.35), as in issue 9.
    let factory = StreamFactory(requests: 60, chunks: 30, requestSpread: 0.35, tokensPerChunk: 1)

    func itlChecks(_ verdict: Verdict) -> [Check] { verdict.checks.filter { $0.target.metric == .itlMs } }

    func withinRun() -> GateConfig {
        var config = GateConfig()
        config.noiseModel = .withinRun
        return config
    }

    /// Runs from one distribution: pooled gaps look wildly different run to run (a bootstrap of
    /// gaps rejects in most pairs), the gate's ITL checks do not.
    @Test func sameDistributionDoesNotFailOnITL() throws {
        var pooledAlarms = 0
        for seed in 1...12 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let baseline = factory.run(using: &generator)
            let current = factory.run(using: &generator)
            let verdict = evaluate(current, baseline: baseline, config: withinRun())
            for check in itlChecks(verdict) {
                #expect(check.outcome == .passed || check.outcome == .improved, "seed \(seed): \(check.message)")
                #expect(check.change?.baselineCount == 60 && check.change?.currentCount == 60)
                #expect(check.notes.contains { $0.contains("60+60 requests (1800+1800 gaps)") })
            }
            let gaps = (try #require(baseline.scenarios[0].samples[.itlMs]), try #require(current.scenarios[0].samples[.itlMs]))
            let pooled = try quantileChange(baseline: gaps.0, current: gaps.1, quantile: 0.5, resamples: 999, seed: 1)
            if min(pooled.pValueCurrentGreater, pooled.pValueCurrentLess) < 0.005 { pooledAlarms += 1 }
        }
        // The data is the kind that fooled a gate treating gaps as independent.
        #expect(pooledAlarms >= 6, "pooled-gap bootstrap alarms: \(pooledAlarms) of 12")
    }

    @Test func aThirtyPercentSlowerDecodeFailsTheGate() {
        var generator = SeededGenerator(seed: 40)
        let baseline = factory.run(using: &generator)
        let current = factory.run(decodeSlowdown: 1.3, using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: withinRun())
        let median = itlChecks(verdict).first { $0.target.statistic == .quantile(0.5) }
        #expect(median?.outcome == .regressed)
        // What 60 requests can see at the run's strictest corrected level, not what 1,800 gaps seem to
        // promise (a few percent).
        #expect((median?.change?.detectionLimitPercent ?? 0) > 15)
        #expect(!verdict.passed)
    }

    /// Without request labels on a side, gaps are not treated as independent: the ITL checks are
    /// not judged (a warning), and the rest of the run is judged as usual.
    @Test func unlabelledGapsAreNotJudged() {
        var generator = SeededGenerator(seed: 41)
        var baseline = factory.run(using: &generator)
        let current = factory.run(decodeSlowdown: 1.5, using: &generator)
        baseline.scenarios[0].sampleRequests = nil
        let verdict = evaluate(current, baseline: baseline, config: withinRun())
        let checks = itlChecks(verdict)
        #expect(checks.count == 2)
        for check in checks {
            #expect(check.outcome == .unmeasured)
            #expect(check.severity == .warning)
            #expect(check.message.contains("baseline side has no request labels (sample_requests)"))
        }
        // tpot_ms (one value per request) still catches the slowdown.
        #expect(verdict.checks.contains { $0.target.metric == .tpotMs && $0.outcome == .regressed })
    }

    /// The interleaved blocked test ranks one mean per request within blocks, not every gap.
    @Test func blockedTestRanksRequestMeans() throws {
        var generator = SeededGenerator(seed: 42)
        var candidate = factory.run(using: &generator).scenarios[0]
        var baseline = factory.run(using: &generator).scenarios[0]
        for side in [0, 1] {
            var scenario = side == 0 ? candidate : baseline
            let requests = try #require(scenario.sampleRequests?[.itlMs])
            scenario.sampleBlocks = SampleLabels([.itlMs: requests.map { $0 / 10 }])
            if side == 0 { candidate = scenario } else { baseline = scenario }
        }
        let data = ScenarioData.prepare([candidate, baseline])
        let blocked = try #require(BlockedSamples(current: data[0], baseline: data[1], metric: .itlMs))
        #expect(blocked.strata.count == 6)
        #expect(blocked.strata.allSatisfy { $0.first.count == 10 && $0.second.count == 10 })
        candidate.sampleRequests = nil
        #expect(BlockedSamples(current: ScenarioData.prepare([candidate])[0], baseline: data[1], metric: .itlMs) == nil)
    }

    /// A slower decode leaves TTFT where it was: with no history, that is no shift of the whole
    /// run (TTFT's intervals do not hold the decode's change), so it fails the gate, not "inconclusive".
    @Test func aSlowerDecodeIsNoSharedShift() {
        var generator = SeededGenerator(seed: 43)
        let baseline = factory.run(using: &generator)
        let current = factory.run(decodeSlowdown: 1.3, using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: GateConfig())
        // A TTFT check rose a little: counted by sign alone, 8 of 9 checks (over 80%) would "move together".
        #expect(verdict.checks.filter { $0.target.metric == .ttftMs && ($0.change?.percent ?? 0) > 0 }.count >= 1)
        #expect(verdict.checks.contains { $0.target.metric == .itlMs && $0.outcome == .regressed })
        #expect(!verdict.notices.contains { $0.contains("moved the same way") })
        #expect(verdict.exitStatus == .regression)
    }
}
