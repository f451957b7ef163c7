import LensCore
import Stats
import Testing

@testable import Gate

/// Declared metrics are judged by the same machinery as the built-in ones, in their declared
/// direction: a per-request one like a latency, a per-scenario one threshold-only.
@Suite struct CustomMetricGateTests {
    let throughput = Metric.declared(
        "decode_tok_s", unit: Metric.Unit(rawValue: "tok/s"), direction: .higherIsBetter, granularity: .perRequest)
    let preemptions = Metric.declared(
        "engine_preemptions", unit: Metric.Unit(rawValue: "count"), direction: .lowerIsBetter, granularity: .perScenario)

    /// 80 requests of the declared metric around `center`, and a per-scenario value.
    func results(center: Double, preempted: Double, seed: UInt64) -> Results {
        var generator = SeededGenerator(seed: seed)
        var scenario = ScenarioResult(name: "chat")
        scenario.samples[throughput] = (0..<80).map { _ in center * Double.random(in: 0.9...1.1, using: &generator) }
        scenario.samples[.ttftMs] = (0..<80).map { _ in 100 * Double.random(in: 0.9...1.1, using: &generator) }
        scenario.values[preemptions] = preempted
        var results = Results(scenarios: [scenario])
        results.metrics = MetricCatalog(declaring: [throughput, preemptions])
        return results
    }

    func withinRun() -> GateConfig {
        var config = GateConfig()
        config.noiseModel = .withinRun
        return config
    }

    @Test func aHigherIsBetterMetricThatFellRegressesAndOneThatRoseImproves() {
        let baseline = results(center: 50, preempted: 2, seed: 1)
        let fell = evaluate(results(center: 35, preempted: 2, seed: 2), baseline: baseline, config: withinRun())
        let median = fell.checks.first { $0.target == MetricStatistic(throughput, .quantile(0.5)) }
        #expect(median?.outcome == .regressed, "\(median?.message ?? "no check")")
        #expect(median?.message.contains("tok/s") == true)
        #expect(!fell.passed)
        let rose = evaluate(results(center: 70, preempted: 2, seed: 3), baseline: baseline, config: withinRun())
        #expect(rose.checks.first { $0.target == MetricStatistic(throughput, .quantile(0.5)) }?.outcome == .improved)
        #expect(rose.passed)
    }

    @Test func aPerScenarioValueIsAThresholdOnlyWarningByDefault() {
        let baseline = results(center: 50, preempted: 2, seed: 1)
        let verdict = evaluate(results(center: 50, preempted: 9, seed: 4), baseline: baseline, config: withinRun())
        let check = verdict.checks.first { $0.target.metric == preemptions }
        #expect(check?.outcome == .regressed)
        #expect(check?.severity == .warning)
        #expect(check?.method == .threshold)
        #expect(verdict.passed)
    }

    @Test func aQualityGateOnADeclaredMetricUsesTheResolvedConfig() throws {
        let config = try LensConfig(yaml: "gate: {quality_gates: [\"engine_preemptions <= 3count\", \"decode_tok_s.p50 >= 40\"]}\n").gate
        let run = results(center: 35, preempted: 9, seed: 5)
        let decision = try GateDecision(config: config, baseline: .notWanted).resolvingMetrics(of: run)
        guard case .decided(let outcome) = try decision.start(run) else {
            Issue.record("a run without comparisons needs no confirmation")
            return
        }
        let gates = outcome.verdict.checks.filter { $0.kind == .qualityGate }
        #expect(gates.count == 2)
        #expect(gates.allSatisfy { $0.outcome == .regressed }, "\(gates.map(\.message))")
        #expect(gates.contains { $0.message == "engine_preemptions is 9 count, breaking <= 3 count" })
    }

    @Test func declarationsThatDisagreeWithTheBaselinesAreRefused() {
        var baseline = results(center: 50, preempted: 2, seed: 1)
        let flipped = Metric.declared(
            "decode_tok_s", unit: Metric.Unit(rawValue: "tok/s"), direction: .lowerIsBetter, granularity: .perRequest)
        baseline.metrics = MetricCatalog(declaring: [flipped, preemptions])
        let decision = GateDecision(config: GateConfig(), baseline: .stored(baseline, name: "b.json", allowFingerprintMismatch: false))
        #expect {
            _ = try decision.resolvingMetrics(of: results(center: 50, preempted: 2, seed: 2))
        } throws: { error in
            guard case .conflictingDeclarations(let field) = error as? MetricReferenceError else { return false }
            return field.description.contains("metrics.decode_tok_s: metric 'decode_tok_s' is declared as {unit: tok/s, better: higher")
        }
    }
}
