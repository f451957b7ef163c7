import DecisionSimulation
import LensCore
import Stats
import Testing

@testable import Gate

/// Every setting resolved once, in one order: rule beats scenario beats config beats flag beats
/// the built-in default; a flag that the config shadows is said so.
@Suite struct RunSettingsTests {
    let target = MetricStatistic(.ttftMs, .quantile(0.5))

    /// A plan for scenario "chat" with the threshold and α set at the levels named.
    func comparison(rule: Bool, scenario: Bool, config: Bool, flag: Bool, alphaScale: Double = 1) -> RulePlan.Comparison? {
        var gate = GateConfig()
        gate.rules = [ComparisonRule(target, thresholdPercent: rule ? 1 : nil, alpha: rule ? 0.1 : nil)]
        if scenario {
            var override = ScenarioOverride()
            override.thresholdPercent = 2
            override.alpha = 0.2
            gate.scenarioOverrides["chat"] = override
        }
        if config {
            gate.thresholdPercent = 3
            gate.alpha = 0.3
        }
        let flags = flag ? GateFlags(thresholdPercent: 4, alpha: 0.4) : GateFlags()
        let settings = RunSettings(config: gate, flags: flags, alphaScale: alphaScale)
        return RulePlan(settings: settings, scenario: "chat", available: [.ttftMs]).comparisons.first
    }

    @Test func ruleBeatsScenarioBeatsConfigBeatsFlagBeatsDefault() {
        let all = comparison(rule: true, scenario: true, config: true, flag: true)
        #expect(all?.thresholdPercent == 1)
        #expect(all?.alpha == 0.1)
        #expect(all?.thresholdSource == .rule)
        let scenario = comparison(rule: false, scenario: true, config: true, flag: true)
        #expect(scenario?.thresholdPercent == 2)
        #expect(scenario?.alpha == 0.2)
        #expect(scenario?.alphaSource == .scenario)
        let config = comparison(rule: false, scenario: false, config: true, flag: true)
        #expect(config?.thresholdPercent == 3)
        #expect(config?.alpha == 0.3)
        #expect(config?.thresholdSource == .config)
        let flag = comparison(rule: false, scenario: false, config: false, flag: true)
        #expect(flag?.thresholdPercent == 4)
        #expect(flag?.alpha == 0.4)
        #expect(flag?.alphaSource == .flag)
        let none = comparison(rule: false, scenario: false, config: false, flag: false)
        #expect(none?.thresholdPercent == GateConfig.defaultThresholdPercent)
        #expect(none?.alpha == GateConfig.defaultAlpha)
        #expect(none?.thresholdSource == .builtIn)
    }

    @Test func theConfirmedDecisionHalvesEveryLevelButNoThreshold() {
        for (rule, scenario, config, flag) in [
            (true, true, true, true), (false, true, true, true), (false, false, true, true),
            (false, false, false, true), (false, false, false, false),
        ] {
            let first = comparison(rule: rule, scenario: scenario, config: config, flag: flag)
            let final = comparison(
                rule: rule, scenario: scenario, config: config, flag: flag,
                alphaScale: ConfirmationPlan.finalAlphaScale)
            #expect(final?.alpha == first.map { $0.alpha / 2 }, "from \(String(describing: first?.alphaSource))")
            #expect(final?.thresholdPercent == first?.thresholdPercent)
        }
    }

    /// The notices about flags of a run judged under `config` and `flags`.
    func notices(_ config: GateConfig, _ flags: GateFlags) -> [String] {
        let run = Samples.results(Samples.scenario("chat"), Samples.scenario("rag"))
        return evaluate(run, baseline: run, config: config, flags: flags).notices.filter { $0.hasPrefix("--") }
    }

    @Test func aFlagTheConfigShadowsIsNeverIgnoredSilently() {
        var config = GateConfig()
        #expect(notices(config, GateFlags(thresholdPercent: 10)).isEmpty)

        config.thresholdPercent = 5
        let shadowed = notices(config, GateFlags(thresholdPercent: 10, alpha: 0.05))
        #expect(
            shadowed.contains { $0.hasPrefix("--threshold 10% is not used: the config's gate.threshold_percent (5%) takes precedence") })
        #expect(!shadowed.contains { $0.hasPrefix("--alpha") })
        // The same value in both places shadows nothing.
        #expect(notices(config, GateFlags(thresholdPercent: 5)).isEmpty)

        var partly = GateConfig()
        var override = ScenarioOverride()
        override.thresholdPercent = 20
        partly.scenarioOverrides["rag"] = override
        partly.rules = [
            ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5))),
            ComparisonRule(MetricStatistic(.e2eMs, .mean), thresholdPercent: 15),
        ]
        let places = notices(partly, GateFlags(thresholdPercent: 10))
        #expect(
            places.contains {
                $0.hasPrefix(
                    "--threshold 10% applies where the config sets no value of its own; it does for rule e2e_ms.mean (15%), scenario rag (20%)"
                )
            },
            "\(places)")
    }

    /// The run's shared shift belongs to no scenario and no rule: it is judged at the run-wide
    /// threshold as resolved (here the flag's, with no threshold in the config), never at a
    /// value read from the config alone.
    @Test func theSharedShiftUsesTheResolvedRunWideThreshold() {
        let steady = RunFactory(shape: .logNormal, requests: 200, scenarios: 12, jobNoise: 0.01)
        var generator = SeededGenerator(seed: 7)
        let (history, baseline) = steady.history(runs: 8, using: &generator)
        let current = steady.run(job: 1.3, regressed: nil, using: &generator)
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        let strict = evaluate(current, baseline: baseline, config: config, flags: GateFlags(thresholdPercent: 5), history: history)
        #expect(strict.suiteShift?.failsGate == true)
        let lenient = evaluate(current, baseline: baseline, config: config, flags: GateFlags(thresholdPercent: 50), history: history)
        #expect(lenient.suiteShift?.failsGate == false)
        #expect(lenient.passed)
    }
}
