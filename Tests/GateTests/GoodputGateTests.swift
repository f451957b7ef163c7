import LensCore
import Stats
import Testing

@testable import Gate

/// `goodput` (good / requests) is judged by Fisher's exact test on the good and bad requests of
/// both sides, higher is better; `goodput_rps` (good / duration) by its threshold, a warning,
/// like the other per-scenario throughputs. Both exist only for scenarios with an SLO.
@Suite struct GoodputGateTests {
    static let slo = ServiceLevelObjective(ttftMs: 500, tpotMs: 50)

    static func scenario(good: Int?, requests: Int = 200, failed: Int = 0, slo: ServiceLevelObjective = GoodputGateTests.slo)
        -> ScenarioResult
    {
        var scenario = Samples.scenario("chat", count: requests - failed, seed: 1, failed: failed)
        scenario.goodput = good.map { Goodput(good: $0, slo: slo) }
        return scenario
    }

    func checks(current: ScenarioResult, baseline: ScenarioResult) -> [String: Check] {
        let verdict = evaluate(Samples.results(current), baseline: Samples.results(baseline), config: GateConfig())
        return Dictionary(verdict.checks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func theMetricsAreBuiltInHigherIsBetterPerScenario() {
        #expect(Metric.builtIn(named: "goodput") == .goodput)
        #expect(Metric.goodput.direction == .higherIsBetter && Metric.goodput.unit == .ratio)
        #expect(Metric.goodputRPS.direction == .higherIsBetter && Metric.goodputRPS.unit == .requestsPerSecond)
        #expect(Metric.goodput.granularity == .perScenario && Metric.goodputRPS.granularity == .perScenario)
        let scenario = Self.scenario(good: 150)
        #expect(scenario.scenarioValue(.goodput) == 0.75)
        #expect(scenario.scenarioValue(.goodputRPS) == 150.0 / 20)
        #expect(scenario.availableMetrics.contains(.goodput))
        // Without an SLO there is no goodput to derive, so no default rule asks for it.
        let plain = Self.scenario(good: nil)
        #expect(plain.scenarioValue(.goodput) == nil)
        #expect(!plain.availableMetrics.contains(.goodput))
        #expect(!RulePlan.defaultRules(for: plain.availableMetrics).contains { $0.target.metric == .goodput })
    }

    @Test func defaultRulesAreFisherForGoodputAndAThresholdWarningForItsRate() {
        let rules = RulePlan.defaultRules(for: Self.scenario(good: 150).availableMetrics)
        let goodput = rules.first { $0.target.metric == .goodput }
        let rate = rules.first { $0.target.metric == .goodputRPS }
        #expect(goodput.map { RulePlan.resolve($0.method, for: $0.target) } == .fisher)
        #expect(goodput?.severity == .error)
        #expect(rate?.method == .threshold && rate?.severity == .warning)
    }

    @Test func fewerGoodRequestsFailTheGateWithFishersPValue() throws {
        let checks = checks(current: Self.scenario(good: 150), baseline: Self.scenario(good: 180))
        let check = try #require(checks["goodput"])
        #expect(check.method == .fisher)
        #expect(check.outcome == .regressed && check.severity == .error)
        // scipy.stats.fisher_exact([[50, 150], [20, 180]], alternative='greater').pvalue
        #expect(abs((check.change?.pWorse ?? 1) - 5.639086397889681e-05) < 1e-12)
        #expect(check.change?.baselineCount == 200 && check.change?.currentCount == 200)
        // goodput_rps fell by the same 16.7%, beyond the default threshold: a warning only.
        let rate = try #require(checks["goodput_rps"])
        #expect(rate.outcome == .regressed && rate.severity == .warning)
    }

    @Test func aSmallDropIsNotSignificantAndMoreGoodIsNotARegression() throws {
        // scipy.stats.fisher_exact([[22, 178], [20, 180]], alternative='greater').pvalue = 0.4353…
        let small = try #require(checks(current: Self.scenario(good: 178), baseline: Self.scenario(good: 180))["goodput"])
        #expect(abs((small.change?.pWorse ?? 0) - 0.4353219054722077) < 1e-12)
        #expect(!small.failsGate)
        let better = try #require(checks(current: Self.scenario(good: 195), baseline: Self.scenario(good: 150))["goodput"])
        #expect(!better.failsGate)
    }

    @Test func goodputWhenEverySuccessIsGoodIsTheErrorRateTest() throws {
        // Same counts, same table: the two checks are the one test, mirrored.
        let checks = checks(
            current: Self.scenario(good: 170, requests: 200, failed: 30), baseline: Self.scenario(good: 190, requests: 200, failed: 10))
        let goodput = try #require(checks["goodput"]?.change?.pWorse)
        let errorRate = try #require(checks["error_rate"]?.change?.pWorse)
        #expect(goodput == errorRate)
        let table = try TwoByTwoTable(30, 170, 10, 190)
        #expect(goodput == fisherExact(table, options: TestOptions(alternative: .greater)).pValue)
    }

    @Test func differentSLOsAreNotCompared() throws {
        let check = try #require(
            checks(current: Self.scenario(good: 150), baseline: Self.scenario(good: 180, slo: ServiceLevelObjective(ttftMs: 900)))[
                "goodput"])
        #expect(check.outcome == .unmeasured)
        #expect(check.message.contains("different SLOs"), "\(check.message)")
    }

    @Test func aBaselineWithoutGoodputSkipsTheCheck() throws {
        // Like any metric the baseline lacks (recorded before an SLO was set): skipped, not failed.
        let check = try #require(checks(current: Self.scenario(good: 150), baseline: Self.scenario(good: nil))["goodput"])
        #expect(check.outcome == .skipped && !check.failsGate)
        #expect(check.message == "no baseline for goodput")
    }

    @Test func aCurrentRunWithoutGoodputSaysWhy() throws {
        let config = try LensConfig(yaml: "gate: {rules: [goodput]}").gate
        let verdict = evaluate(
            Samples.results(Self.scenario(good: nil)), baseline: Samples.results(Self.scenario(good: 180)), config: config)
        let check = try #require(verdict.checks.first { $0.name == "goodput" })
        #expect(check.outcome == .unmeasured)
        #expect(check.message.contains("goodput was not measured"), "\(check.message)")
    }

    @Test func rulesAndQualityGatesCanNameGoodput() throws {
        let config = try LensConfig(
            yaml: """
                gate:
                  rules:
                    - {metric: goodput, method: fisher, threshold_percent: 2}
                  quality_gates:
                    - "goodput >= 90%"
                """
        ).gate
        let verdict = evaluate(
            Samples.results(Self.scenario(good: 150)), baseline: Samples.results(Self.scenario(good: 180)), config: config)
        #expect(verdict.checks.contains { $0.name == "goodput" && $0.kind == .comparison && $0.outcome == .regressed })
        #expect(verdict.checks.contains { $0.kind == .qualityGate && $0.outcome == .regressed })
        // Fisher stays limited to the two share-of-requests metrics.
        #expect(throws: FieldError.self) { try LensConfig(yaml: "gate: {rules: [{metric: goodput_rps, method: fisher}]}") }
    }
}
