import LensCore
import Testing

@testable import Gate

/// Which scenarios are rerun before a verdict is final.
@Suite struct ConfirmationPlanTests {
    /// Scenario "slow" is 12% slower (a regression), "near" 4% slower (a close call under a 5%
    /// threshold: significant, above half the threshold), "fast" 12% faster, "same" unchanged.
    func verdict(config: GateConfig) -> Verdict {
        let names = ["slow", "near", "fast", "same"]
        let factors = [1.12, 1.04, 1 / 1.12, 1.0]
        let baseline = Results(scenarios: names.enumerated().map { Samples.scenario($1, count: 2000, seed: UInt64($0 + 1)) })
        let current = Results(
            scenarios: names.enumerated().map { index, name in
                Samples.scaled(Samples.scenario(name, count: 2000, seed: UInt64(index + 1)), ttft: factors[index])
            })
        return evaluate(current, baseline: baseline, config: config)
    }

    @Test func regressionsAndCloseCallsAreRerunImprovementsAreNot() {
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        let plan = ConfirmationPlan(for: verdict(config: config), config: config)
        #expect(plan.scenarios == ["slow", "near"])
        #expect(plan.reruns == config.confirmation.reruns)
        #expect(!plan.isEmpty)
    }

    @Test func noRerunsConfiguredMeansNothingToConfirm() {
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        config.confirmation.reruns = 0
        #expect(ConfirmationPlan(for: verdict(config: config), config: config).isEmpty)
    }
}
