import LensCore

extension RunSettings {
    /// What the report says about the command-line flags: a flag whose value is shadowed by the
    /// config — everywhere (the config sets the run-wide value) or in places (a scenario or a rule
    /// sets its own) — is never ignored silently.
    func flagNotices(plans: [(scenario: String, plan: RulePlan)]) -> [String] {
        var notices: [String] = []
        if let flag = flags.thresholdPercent {
            notices += shadowNotices(
                flag: "--threshold \(Notation.threshold(flag))", configKey: "gate.threshold_percent",
                runWide: threshold, flagValue: flag, format: Notation.threshold,
                places: places(
                    plans, value: \.thresholdPercent, source: \.thresholdSource,
                    scenarioValue: { $0.thresholdPercent }, format: Notation.threshold))
        }
        if let flag = flags.alpha {
            notices += shadowNotices(
                flag: "--alpha \(flag)", configKey: "gate.alpha", runWide: alpha, flagValue: flag,
                format: { "\($0)" },
                places: places(
                    plans, value: { $0.alpha / alphaScale }, source: \.alphaSource,
                    scenarioValue: { $0.alpha }, trendsInherit: true, format: { "\($0)" }))
        }
        return notices
    }

    private func shadowNotices(
        flag: String, configKey: String, runWide: ResolvedSetting, flagValue: Double, format: (Double) -> String,
        places: [String]
    ) -> [String] {
        let order = "a rule's own value beats its scenario's, which beats the config's, which beats the flag"
        if runWide.source == .config {
            guard runWide.value != flagValue || !places.isEmpty else { return [] }
            return ["\(flag) is not used: the config's \(configKey) (\(format(runWide.value))) takes precedence (\(order))"]
        }
        guard !places.isEmpty else { return [] }
        return ["\(flag) applies where the config sets no value of its own; it does for \(ScenarioPairs.listed(places)) (\(order))"]
    }

    /// The scenarios and rules in this run that set their own value (and so shadow the flag), described once each.
    private func places(
        _ plans: [(scenario: String, plan: RulePlan)], value: (RulePlan.Comparison) -> Double,
        source: (RulePlan.Comparison) -> SettingSource, scenarioValue: (ScenarioOverride) -> Double?,
        trendsInherit: Bool = false, format: (Double) -> String
    ) -> [String] {
        var places: [String] = []
        func add(_ place: String) { if !places.contains(place) { places.append(place) } }
        for (scenario, plan) in plans {
            // A scenario's own α also decides its trend rules, with or without comparisons.
            if let own = config.scenarioOverrides[scenario].flatMap(scenarioValue),
                plan.comparisons.contains(where: { source($0) == .scenario }) || (trendsInherit && !config.trends.isEmpty)
            {
                add("scenario \(scenario) (\(format(own)))")
            }
            for comparison in plan.comparisons where source(comparison) == .rule {
                add("rule \(comparison.target) (\(format(value(comparison))))")
            }
        }
        return places
    }
}
