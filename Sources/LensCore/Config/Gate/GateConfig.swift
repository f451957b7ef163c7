/// The quality-gate part of `lens-gate.yaml` (its `gate:` section).
///
/// With no config at all, `GateConfig()` plus `--threshold` gives a sensible gate over every
/// metric present: each change must exceed the threshold *and* be statistically significant.
///
/// `thresholdPercent` and `alpha` are nil when the file does not set them, so that the gate can
/// tell "the config says 5" from "nobody said anything": a rule's own value beats its scenario's,
/// which beats the config's, which beats the command-line flag, which beats the built-in default
/// (resolved once per check by Gate's `RunSettings`; never read these two directly to decide).
public struct GateConfig: Sendable, Equatable {
    /// The run-wide practical threshold for comparisons, percent in the worse direction, when the
    /// config sets one (`gate.threshold_percent`).
    public var thresholdPercent: Double?
    /// The run-wide significance level when the config sets one (`gate.alpha`): with Holm's
    /// correction, the chance that an unchanged run fails any check is at most this.
    public var alpha: Double?
    /// The threshold when neither the config nor a flag sets one: 5% is well above timer jitter
    /// and leaves room to catch 10% regressions (docs/noise-model.md, "Defaults").
    public static let defaultThresholdPercent = 5.0
    /// The significance level when neither the config nor a flag sets one: 2%, about one false
    /// alarm in fifty unchanged PRs however many checks the suite has.
    public static let defaultAlpha = 0.02
    /// The confidence level of reported intervals.
    public var confidence: Double = 0.95
    /// Multiple-testing control across all checks of a run.
    public var correction: Correction = .holm
    /// Bootstrap resamples for quantile intervals (2,000 keeps the Monte Carlo error of a 95%
    /// percentile interval's ends below about 1% of its width; Efron & Tibshirani 1993, ch. 19).
    /// More are drawn when the corrected significance level needs finer p-values (see `resamples(forChecks:)`).
    public var bootstrapResamples: Int = 2000
    /// Seed of the bootstrap, so the same inputs always give the same report.
    public var seed: UInt64 = 20_261_123
    /// Comparison rules; nil means the default set over every metric present.
    public var rules: [ComparisonRule]?
    /// Absolute conditions on the current run.
    public var qualityGates: [QualityGate] = []
    /// Performance budgets.
    public var budgets: [Budget] = []
    /// Limits on creeping change over the baseline history.
    public var trends: [TrendRule] = []
    /// Per-scenario adjustments, by scenario name.
    public var scenarioOverrides: [String: ScenarioOverride] = [:]
    /// How run-to-run noise is accounted for against a stored baseline.
    public var noiseModel: NoiseModel = .auto
    /// How many of the newest history runs the noise model learns from (and compares against).
    public var historyWindow: Int = 8
    /// Fewest history runs for the history model (fewer: within-run tests, with a notice). 3, so
    /// that one seeded `baseline update` (3 repetitions of one job) activates the model: in the
    /// decision benchmark's history study, 3 runs judged by the model gave no A/A failure where
    /// within-run tests failed 15–20% of PRs on a 5%-noise runner (docs/baselines.md has the table).
    public var minimumHistory: Int = 3
    /// Whether a shift shared by all checks of the run (a faster or slower job) is estimated and
    /// judged separately from each check's own change (used with at least `commonShiftMinimumChecks`).
    public var commonShift = true
    /// Rerunning flagged scenarios before failing (gate and ab commands; check cannot rerun).
    public var confirmation = Confirmation()

    /// Fewest checks for estimating a common shift: with fewer, a real regression in half of them
    /// would be mistaken for the job's speed.
    public static let commonShiftMinimumChecks = 8

    /// Resamples for a run of `checks` tested comparisons whose strictest significance level is
    /// `alpha`: a bootstrap p-value cannot go below 1/(B + 1), so B must be well above checks/α
    /// (ten times) for the strictest Holm step to be reachable. Computed in floating point and
    /// capped before any integer conversion, so that no α, however small, can overflow it.
    public func resamples(forChecks checks: Int, alpha: Double) -> Int {
        let needed = 10 * Double(max(checks, 1)) / alpha
        guard needed.isFinite, needed < Double(Self.maximumResamples) else { return max(bootstrapResamples, Self.maximumResamples) }
        return min(max(bootstrapResamples, Int(needed.rounded(.up))), Self.maximumResamples)
    }

    /// The most resamples `resamples(forChecks:)` asks for on its own (more only when `bootstrap_resamples` says so).
    public static let maximumResamples = 200_000

    /// Creates the default gate configuration.
    public init() {}
}

/// Adjustments of the gate for one scenario.
public struct ScenarioOverride: Sendable, Equatable {
    /// Replaces the gate's default threshold for this scenario.
    public var thresholdPercent: Double?
    /// Replaces the gate's default alpha for this scenario.
    public var alpha: Double?
    /// Rules that replace (same metric and statistic) or extend the gate's rules.
    public var rules: [ComparisonRule] = []
    /// Extra quality gates for this scenario.
    public var qualityGates: [QualityGate] = []
    /// Extra budgets for this scenario.
    public var budgets: [Budget] = []
    /// Metric statistics not to check in this scenario.
    public var skip: [MetricStatistic] = []

    /// Creates an empty override.
    public init() {}
}

extension GateConfig {
    /// Keys of the `gate:` section.
    static let keys = [
        "threshold_percent", "alpha", "confidence", "correction", "bootstrap_resamples", "seed",
        "rules", "quality_gates", "budgets", "trend", "scenarios", "noise_model", "history_window",
        "minimum_history", "common_shift", "confirm",
    ]
    static let overrideKeys = ["threshold_percent", "alpha", "rules", "quality_gates", "budgets", "skip"]
    /// Keys of a comparison rule written as a mapping.
    static let ruleKeys = ["metric", "threshold_percent", "method", "alpha", "severity"]
    /// Keys of a quality gate written as a mapping.
    static let qualityGateKeys = ["condition", "severity"]
    /// Keys of a budget.
    static let budgetKeys = ["metric", "budget", "allowed_variance_percent", "severity"]
    /// Keys of a trend rule.
    static let trendKeys = ["metric", "window", "max_slope_percent", "severity"]
    /// Keys of `confirm:`.
    static let confirmKeys = ["reruns", "screening_alpha"]

    /// Decodes the `gate:` section.
    public init(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        self.init()
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        if let node = mapping.optional("threshold_percent") {
            thresholdPercent = try Self.percent(node, at: mapping.path("threshold_percent"))
        }
        if let node = mapping.optional("alpha") { alpha = try Self.probability(node, at: mapping.path("alpha")) }
        if let node = mapping.optional("confidence") {
            confidence = try node.number(at: mapping.path("confidence"), in: InputLimits.confidence)
        }
        if let node = mapping.optional("correction") {
            correction = try node.choice(Correction.self, at: mapping.path("correction"))
        }
        if let node = mapping.optional("bootstrap_resamples") {
            bootstrapResamples = try node.integer(at: mapping.path("bootstrap_resamples"), in: InputLimits.bootstrapResamples)
        }
        if let node = mapping.optional("seed") { seed = try node.seed(at: mapping.path("seed")) }
        if let node = mapping.optional("rules") { rules = try Self.rules(node, at: mapping.path("rules")) }
        if let node = mapping.optional("quality_gates") {
            qualityGates = try Self.qualityGates(node, at: mapping.path("quality_gates"))
        }
        if let node = mapping.optional("budgets") { budgets = try Self.budgets(node, at: mapping.path("budgets")) }
        if let node = mapping.optional("trend") { trends = try Self.trends(node, at: mapping.path("trend")) }
        if let node = mapping.optional("noise_model") { noiseModel = try node.choice(NoiseModel.self, at: mapping.path("noise_model")) }
        if let node = mapping.optional("history_window") {
            historyWindow = try Self.count(node, at: mapping.path("history_window"), in: 3...HistoryFile.defaultLimit)
        }
        if let node = mapping.optional("minimum_history") {
            minimumHistory = try Self.count(node, at: mapping.path("minimum_history"), in: 3...HistoryFile.defaultLimit)
        }
        if let node = mapping.optional("common_shift") { commonShift = try node.bool(at: mapping.path("common_shift")) }
        if let node = mapping.optional("confirm") {
            let confirm = try node.mapping(at: mapping.path("confirm"))
            try confirm.rejectUnknownKeys(allowed: Self.confirmKeys)
            if let reruns = confirm.optional("reruns") {
                confirmation.reruns = try reruns.integer(at: confirm.path("reruns"), in: InputLimits.reruns)
            }
            if let screening = confirm.optional("screening_alpha") {
                confirmation.screeningAlpha = try Self.probability(screening, at: confirm.path("screening_alpha"))
            }
        }
        if let node = mapping.optional("scenarios") {
            let scenarios = try node.mapping(at: mapping.path("scenarios"))
            for entry in scenarios.entries {
                scenarioOverrides[entry.key] = try Self.override(entry.value, at: scenarios.path(entry.key))
            }
        }
    }

    static func override(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> ScenarioOverride {
        var result = ScenarioOverride()
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: overrideKeys)
        if let node = mapping.optional("threshold_percent") {
            result.thresholdPercent = try percent(node, at: mapping.path("threshold_percent"))
        }
        if let node = mapping.optional("alpha") { result.alpha = try probability(node, at: mapping.path("alpha")) }
        if let node = mapping.optional("rules") { result.rules = try rules(node, at: mapping.path("rules")) }
        if let node = mapping.optional("quality_gates") {
            result.qualityGates = try qualityGates(node, at: mapping.path("quality_gates"))
        }
        if let node = mapping.optional("budgets") { result.budgets = try budgets(node, at: mapping.path("budgets")) }
        if let node = mapping.optional("skip") {
            let names = try node.stringList(at: mapping.path("skip"))
            for name in names {
                result.skip.append(try metricStatistic(name, at: mapping.path("skip"), position: node.position))
            }
        }
        return result
    }

    static func rules(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> [ComparisonRule] {
        var result: [ComparisonRule] = []
        for (i, item) in try node.sequence(at: path).enumerated() {
            let itemPath = path.appending(i)
            if case .scalar(let text, _) = item.value {
                result.append(ComparisonRule(try metricStatistic(text, at: itemPath, position: item.position), position: item.position))
                continue
            }
            let mapping = try item.mapping(at: itemPath)
            try mapping.rejectUnknownKeys(allowed: ruleKeys)
            let metricNode = try mapping.required("metric")
            var rule = ComparisonRule(
                try metricStatistic(
                    try metricNode.string(at: mapping.path("metric")), at: mapping.path("metric"),
                    position: metricNode.position),
                position: item.position)
            if let node = mapping.optional("threshold_percent") {
                rule.thresholdPercent = try percent(node, at: mapping.path("threshold_percent"))
            }
            if let node = mapping.optional("method") { rule.method = try node.choice(ComparisonMethod.self, at: mapping.path("method")) }
            if let node = mapping.optional("alpha") { rule.alpha = try probability(node, at: mapping.path("alpha")) }
            if let node = mapping.optional("severity") { rule.severity = try node.choice(Severity.self, at: mapping.path("severity")) }
            if rule.method == .fisher, !rule.target.metric.isJudgedByFisher {
                throw FieldError(mapping.path("method"), at: item.position, "method 'fisher' applies to error_rate and goodput only")
            }
            if rule.target.metric.granularity == .perScenario, ![.auto, .threshold, .fisher].contains(rule.method) {
                throw FieldError(
                    mapping.path("method"), at: item.position,
                    "\(rule.target.metric.name) has one value per run, so '\(rule.method.rawValue)' cannot test it; use auto or threshold"
                )
            }
            result.append(rule)
        }
        return result
    }

    static func qualityGates(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> [QualityGate] {
        var result: [QualityGate] = []
        for (i, item) in try node.sequence(at: path).enumerated() {
            let itemPath = path.appending(i)
            var severity = Severity.error
            let conditionNode: YAMLNode
            var conditionPath = itemPath
            if case .mapping = item.value {
                let mapping = try item.mapping(at: itemPath)
                try mapping.rejectUnknownKeys(allowed: qualityGateKeys)
                conditionNode = try mapping.required("condition")
                conditionPath = mapping.path("condition")
                if let node = mapping.optional("severity") { severity = try node.choice(Severity.self, at: mapping.path("severity")) }
            } else {
                conditionNode = item
            }
            let text = try conditionNode.string(at: conditionPath)
            do {
                var gate = try QualityGate(parsing: text)
                gate.severity = severity
                gate.position = conditionNode.position
                result.append(gate)
            } catch {
                throw FieldError(conditionPath, at: conditionNode.position, error.reason)
            }
        }
        return result
    }

    static func budgets(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> [Budget] {
        var result: [Budget] = []
        for (i, item) in try node.sequence(at: path).enumerated() {
            let mapping = try item.mapping(at: path.appending(i))
            try mapping.rejectUnknownKeys(allowed: budgetKeys)
            let metricNode = try mapping.required("metric")
            let target = try metricStatistic(
                try metricNode.string(at: mapping.path("metric")), at: mapping.path("metric"),
                position: metricNode.position)
            let budgetNode = try mapping.required("budget")
            let budgetText = try budgetNode.string(at: mapping.path("budget"))
            let budgetValue: Double
            do {
                budgetValue = try QualityGate.limit(budgetText, for: target.metric)
            } catch {
                throw FieldError(mapping.path("budget"), at: budgetNode.position, error.reason)
            }
            var budget = Budget(target, budget: budgetValue, position: item.position)
            if target.metric.origin == .referenced { budget.budgetText = budgetText }
            if let node = mapping.optional("allowed_variance_percent") {
                budget.allowedVariancePercent = try percent(node, at: mapping.path("allowed_variance_percent"))
            }
            if let node = mapping.optional("severity") { budget.severity = try node.choice(Severity.self, at: mapping.path("severity")) }
            result.append(budget)
        }
        return result
    }

    static func trends(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> [TrendRule] {
        var result: [TrendRule] = []
        for (i, item) in try node.sequence(at: path).enumerated() {
            let mapping = try item.mapping(at: path.appending(i))
            try mapping.rejectUnknownKeys(allowed: trendKeys)
            let metricNode = try mapping.required("metric")
            let target = try metricStatistic(
                try metricNode.string(at: mapping.path("metric")), at: mapping.path("metric"),
                position: metricNode.position)
            let slopeNode = try mapping.required("max_slope_percent")
            var rule = TrendRule(
                target, maxSlopePercent: try percent(slopeNode, at: mapping.path("max_slope_percent")),
                position: item.position)
            if let windowNode = mapping.optional("window") {
                let window = try windowNode.integer(at: mapping.path("window"))
                guard (3...HistoryFile.defaultLimit + 1).contains(window) else {
                    throw FieldError(
                        mapping.path("window"), at: windowNode.position,
                        "window must be between 3 and \(HistoryFile.defaultLimit + 1) runs")
                }
                rule.window = window
            }
            if let node = mapping.optional("severity") { rule.severity = try node.choice(Severity.self, at: mapping.path("severity")) }
            result.append(rule)
        }
        return result
    }

    static func metricStatistic(_ text: String, at path: FieldPath, position: TextPosition) throws(FieldError) -> MetricStatistic {
        do {
            return try MetricStatistic(parsing: text)
        } catch {
            throw FieldError(path, at: position, error.reason)
        }
    }

    static func percent(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> Double {
        var text = try node.string(at: path)
        if text.hasSuffix("%") { text.removeLast() }
        guard let value = Double(text.trimmingWhitespace), InputLimits.percent.contains(value) else {
            throw FieldError(path, at: node.position, "expected a percentage \(InputLimits.percent), found '\(text)'")
        }
        return value
    }

    static func count(_ node: YAMLNode, at path: FieldPath, in range: ClosedRange<Int>) throws(FieldError) -> Int {
        let value = try node.integer(at: path)
        guard range.contains(value) else {
            throw FieldError(path, at: node.position, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    /// A significance level (`alpha`, `screening_alpha`), within `InputLimits.significanceLevel`.
    static func probability(_ node: YAMLNode, at path: FieldPath) throws(FieldError) -> Double {
        try node.number(at: path, in: InputLimits.significanceLevel)
    }
}
