import LensCore
import Stats
import Testing

@testable import Gate

@Suite struct EvaluateTests {
    func check(_ verdict: Verdict, _ name: String, in scenario: String = "chat") -> Check? {
        verdict.checks.first { $0.scenario == scenario && $0.name == name }
    }

    @Test func identicalRunsPassWithDefaultRules() {
        let run = Samples.results(Samples.scenario())
        let verdict = evaluate(run, baseline: run, config: GateConfig())
        #expect(verdict.passed)
        #expect(verdict.exitStatus == .passed)
        #expect(verdict.checks.allSatisfy { $0.outcome == .passed })
        #expect(check(verdict, "ttft_ms.p50")?.method == .mannWhitney)
        #expect(check(verdict, "ttft_ms.p95")?.method == .bootstrap)
        #expect(check(verdict, "error_rate")?.method == .fisher)
        #expect(check(verdict, "request_throughput")?.severity == .warning)
    }

    @Test func largeSignificantSlowdownIsARegression() {
        let base = Samples.scenario(seed: 1)
        let current = Samples.scaled(Samples.scenario(seed: 2), ttft: 1.25)
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        let p50 = check(verdict, "ttft_ms.p50")
        #expect(p50?.outcome == .regressed)
        #expect(p50?.change?.significant == true)
        #expect((p50?.change?.percent ?? 0) > 10)
        #expect(p50?.change?.interval.map { $0.lowerBound > 0 } == true)
        #expect(verdict.exitStatus == .regression)
        #expect(!verdict.passed)
        // e2e was not slowed: it must not be flagged.
        #expect(check(verdict, "e2e_ms.p50")?.outcome == .passed)
    }

    @Test func smallSignificantChangeWithinThresholdPasses() {
        let base = Samples.scenario(count: 5000, seed: 1)
        let current = Samples.scaled(Samples.scenario(count: 5000, seed: 2), ttft: 1.04)
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        let p50 = check(verdict, "ttft_ms.p50")
        #expect(p50?.outcome == .passed)
        #expect(p50?.change?.significant == true)
        #expect(p50?.message.contains("significant but small") == true)
    }

    @Test func largeButNoisyChangeIsNotARegression() throws {
        let base = Samples.scenario(count: 6, seed: 1)
        let current = Samples.scaled(Samples.scenario(count: 6, seed: 2), ttft: 1.15)
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        let p50 = try #require(check(verdict, "ttft_ms.p50"))
        #expect(p50.outcome != .regressed)
    }

    @Test func improvementsAreReportedSymmetrically() {
        let base = Samples.scenario(seed: 1)
        let current = Samples.scaled(Samples.scenario(seed: 2), ttft: 0.75)
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        #expect(check(verdict, "ttft_ms.p50")?.outcome == .improved)
        #expect(verdict.passed)
        #expect(verdict.improvements.count >= 1)
    }

    @Test func identicalSamplesNeverRegress() {
        for seed in UInt64(1)...20 {
            let run = Samples.results(Samples.scenario(count: 50, seed: seed))
            let verdict = evaluate(run, baseline: run, config: GateConfig())
            #expect(verdict.passed, "seed \(seed)")
            #expect(verdict.checks.allSatisfy { ($0.change?.pWorse ?? 1) >= 0.4 }, "seed \(seed)")
        }
    }

    @Test func evaluationIsDeterministic() {
        let base = Samples.results(Samples.scenario(seed: 3))
        let current = Samples.results(Samples.scaled(Samples.scenario(seed: 4), ttft: 1.08))
        #expect(evaluate(current, baseline: base, config: GateConfig()) == evaluate(current, baseline: base, config: GateConfig()))
    }

    @Test func thresholdRaisedFromConfigChangesTheVerdict() {
        let base = Samples.results(Samples.scenario(seed: 1))
        let current = Samples.results(Samples.scaled(Samples.scenario(seed: 2), ttft: 1.25))
        var config = GateConfig()
        config.thresholdPercent = 50
        #expect(evaluate(current, baseline: base, config: config).passed)
    }

    @Test func newScenarioIsSkippedAndMissingScenarioIsNoticed() {
        let base = Samples.results(Samples.scenario("old"), Samples.scenario("kept", seed: 3))
        let current = Samples.results(Samples.scenario("new"), Samples.scenario("kept", seed: 4))
        let verdict = evaluate(current, baseline: base, config: GateConfig())
        #expect(verdict.checks.filter { $0.kind == .comparison && $0.scenario == "new" }.allSatisfy { $0.outcome == .skipped })
        #expect(verdict.scenariosWithoutBaseline == ["new"])
        #expect(verdict.scenariosMissingFromRun == ["old"])
        #expect(verdict.notices.contains { $0.contains("old") })
        #expect(verdict.exitStatus == .passed)
    }

    @Test func aBaselineSharingNoScenarioCannotJudgeTheRun() {
        let base = Samples.results(Samples.scenario("old"))
        let current = Samples.results(Samples.scaled(Samples.scenario("new"), ttft: 5))
        let verdict = evaluate(current, baseline: base, config: GateConfig())
        #expect(verdict.checks.filter { $0.kind == .comparison }.allSatisfy { $0.outcome == .skipped })
        #expect(verdict.exitStatus == .noBaseline)
        #expect(verdict.headline.hasPrefix("lens-gate could not compare: the baseline shares no scenario with this run"))
    }

    /// The geometric mean of data with a zero does not exist: the check cannot be judged and
    /// says so (a configured rule fails the gate), instead of passing.
    @Test func aStatisticThatCannotBeComputedIsUnmeasured() throws {
        var base = Samples.scenario()
        base.samples[.ttftMs] = (base.samples[.ttftMs] ?? []) + [0]
        let current = Samples.scaled(Samples.scenario(seed: 2), ttft: 2)
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .geometricMean))]
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: config)
        let geomean = try #require(verdict.checks.first)
        #expect(geomean.outcome == .unmeasured)
        #expect(geomean.severity == .error)
        #expect(geomean.message.hasPrefix("ttft_ms.geomean cannot be computed on the baseline side:"), "\(geomean.message)")
        #expect(verdict.exitStatus == .regression)
        #expect(verdict.headline.contains("1 could not be judged"))
    }

    @Test func theAdjustedPValueNamesItsFamily() throws {
        let base = Samples.scenario(seed: 1)
        let slower = evaluate(
            Samples.results(Samples.scaled(Samples.scenario(seed: 2), ttft: 1.25)), baseline: Samples.results(base),
            config: GateConfig())
        #expect(check(slower, "ttft_ms.p50")?.change?.adjustedFamily == .worse)
        let faster = evaluate(
            Samples.results(Samples.scaled(Samples.scenario(seed: 2), ttft: 0.75)), baseline: Samples.results(base),
            config: GateConfig())
        let improved = try #require(check(faster, "ttft_ms.p50"))
        #expect(improved.outcome == .improved)
        #expect(improved.change?.adjustedFamily == .better)
        guard case .object(let members) = improved.json else {
            Issue.record("a check is a JSON object")
            return
        }
        #expect(members.contains { $0.key == "adjusted_p_family" && $0.value.value == .string("better") })
    }

    @Test func metricMissingInBaselineIsSkippedAndMissingInRunIsUnmeasured() {
        var base = Samples.scenario()
        base.samples[.e2eMs] = nil
        var current = Samples.scenario(seed: 2)
        current.samples[.ttftMs] = nil
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        #expect(check(verdict, "e2e_ms.p50")?.outcome == .skipped)
        #expect(check(verdict, "ttft_ms.p50")?.outcome == .unmeasured)
        // A default rule that cannot be judged warns; it does not fail the gate.
        #expect(check(verdict, "ttft_ms.p50")?.severity == .warning)
        #expect(verdict.passed)

        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        let strict = evaluate(Samples.results(current), baseline: Samples.results(base), config: config)
        #expect(strict.exitStatus == .regression)
        #expect(strict.unmeasured.count == 1)
    }

    @Test func tooFewSamplesBeyondThresholdCannotBeJudged() {
        var base = Samples.scenario()
        base.samples[.ttftMs] = [100]
        var current = Samples.scenario()
        current.samples[.ttftMs] = [200]
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .mean))]
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: config)
        let mean = check(verdict, "ttft_ms.mean")
        #expect(mean?.outcome == .unmeasured)
        #expect(mean?.message.contains("significance cannot be judged") == true)
        #expect(verdict.exitStatus == .regression)
    }

    @Test func errorRateUsesFishersExactTest() {
        let base = Samples.scenario(failed: 0)
        let current = Samples.scenario(seed: 2, failed: 30)
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(base), config: GateConfig())
        let errors = check(verdict, "error_rate")
        #expect(errors?.outcome == .regressed)
        #expect(errors?.change?.percent == nil)  // from zero: no relative change
        #expect((errors?.change?.pWorse ?? 1) < 1e-6)

        let few = Samples.scenario(seed: 2, failed: 1)
        let verdictFew = evaluate(Samples.results(few), baseline: Samples.results(base), config: GateConfig())
        #expect(check(verdictFew, "error_rate")?.outcome == .passed)
    }

    @Test func qualityGatesAndBudgetsJudgeAbsoluteValues() throws {
        let run = Samples.results(Samples.scenario())
        var config = GateConfig()
        config.qualityGates = [try QualityGate(parsing: "ttft_ms.p50 < 100"), try QualityGate(parsing: "ttft_ms.p50 < 1s")]
        config.budgets = [Budget(MetricStatistic(.e2eMs, .quantile(0.95)), budget: 500, allowedVariancePercent: 5)]
        let verdict = evaluate(run, baseline: run, config: config)
        let gates = verdict.checks.filter { $0.kind == .qualityGate }
        #expect(gates.map(\.outcome) == [.regressed, .passed])
        #expect(gates[0].message.contains("breaking < 100 ms"))
        let budget = verdict.checks.first { $0.kind == .budget }
        #expect(budget?.outcome == .regressed)
        #expect(budget?.message.contains("over the budget") == true)
    }

    @Test func missingBaselineSkipsComparisonsAndExitsFour() throws {
        let run = Samples.results(Samples.scenario())
        let verdict = evaluate(run, baseline: nil, config: GateConfig(), baselineProblem: "baseline not found")
        #expect(verdict.checks.allSatisfy { $0.outcome == .skipped })
        #expect(verdict.exitStatus == .noBaseline)
        var config = GateConfig()
        config.qualityGates = [try QualityGate(parsing: "ttft_ms.p50 < 10")]
        let failing = evaluate(run, baseline: nil, config: config, baselineProblem: "baseline not found")
        #expect(failing.exitStatus == .regression)
    }

    @Test func correctionMakesBorderlineChecksNonSignificant() {
        // Many metrics moved a little: uncorrected, some cross α = 0.05; Holm keeps them quiet.
        var base = Samples.scenario(count: 400, seed: 10)
        var current = Samples.scenario(count: 400, seed: 11)
        base.samples[.itlMs] = Samples.logNormal(400, median: 10, seed: 20)
        current.samples[.itlMs] = Samples.logNormal(400, median: 10.9, seed: 21)
        var config = GateConfig()
        config.thresholdPercent = 1
        config.correction = .none
        let raw = evaluate(Samples.results(current), baseline: Samples.results(base), config: config)
        config.correction = .holm
        let corrected = evaluate(Samples.results(current), baseline: Samples.results(base), config: config)
        let rawP = raw.checks.compactMap { $0.change?.adjustedP }
        let holmP = corrected.checks.compactMap { $0.change?.adjustedP }
        #expect(rawP.count == holmP.count)
        #expect(zip(rawP, holmP).allSatisfy { $0 <= $1 })
        #expect(zip(rawP, holmP).contains { $0 < $1 })
    }

    @Test func detectionLimitShrinksWithMoreSamples() {
        let small = evaluate(
            Samples.results(Samples.scenario(count: 50, seed: 2)),
            baseline: Samples.results(Samples.scenario(count: 50, seed: 1)), config: GateConfig())
        let large = evaluate(
            Samples.results(Samples.scenario(count: 2000, seed: 2)),
            baseline: Samples.results(Samples.scenario(count: 2000, seed: 1)), config: GateConfig())
        let limitSmall = check(small, "ttft_ms.p50")?.change?.detectionLimitPercent ?? 0
        let limitLarge = check(large, "ttft_ms.p50")?.change?.detectionLimitPercent ?? .infinity
        #expect(limitSmall > limitLarge)
        #expect(limitLarge > 0)
    }

    @Test func overridesReplaceRulesAndSkipMetrics() {
        var config = GateConfig()
        var override = ScenarioOverride()
        override.thresholdPercent = 50
        override.skip = [MetricStatistic(.e2eMs, .quantile(0.95))]
        config.scenarioOverrides["chat"] = override
        let base = Samples.results(Samples.scenario(seed: 1))
        let current = Samples.results(Samples.scaled(Samples.scenario(seed: 2), ttft: 1.25))
        let verdict = evaluate(current, baseline: base, config: config)
        #expect(verdict.passed)
        #expect(check(verdict, "e2e_ms.p95") == nil)
        #expect(check(verdict, "ttft_ms.p50")?.thresholdPercent == 50)
    }
}
