import LensCore

/// The rules that apply to one scenario after defaults, overrides and `auto` methods are resolved
/// (the "plan" stage of an evaluation; settings come from `RunSettings`, in its precedence order).
public struct RulePlan: Sendable, Equatable {
    /// A comparison with everything inherited filled in.
    public struct Comparison: Sendable, Equatable {
        /// What is compared.
        public var target: MetricStatistic
        /// Threshold in percent (worse direction).
        public var thresholdPercent: Double
        /// The evidence used (never `auto`).
        public var method: ComparisonMethod
        /// Significance level before correction, as decided (after a confirmation: already halved).
        public var alpha: Double
        /// What a failure means.
        public var severity: Severity
        /// True when the rule comes from the built-in default set rather than the user's config;
        /// a default rule that cannot be judged is a warning, not a failure.
        public var isDefault: Bool
        /// Where `thresholdPercent` was set.
        public var thresholdSource: SettingSource
        /// Where `alpha` was set.
        public var alphaSource: SettingSource
    }

    /// Comparisons with the baseline.
    public var comparisons: [Comparison]
    /// Absolute conditions.
    public var qualityGates: [QualityGate]
    /// Budgets.
    public var budgets: [Budget]

    /// Resolves the gate configuration for one scenario whose results offer `available` metrics.
    public init(settings: RunSettings, scenario: String, available: [Metric]) {
        let config = settings.config
        let override = config.scenarioOverrides[scenario]
        let skip = Set(override?.skip ?? [])

        var rules: [(rule: ComparisonRule, isDefault: Bool)]
        if let configured = config.rules {
            rules = configured.map { ($0, false) }
        } else {
            rules = RulePlan.defaultRules(for: available).map { ($0, true) }
        }
        for rule in override?.rules ?? [] {
            if let index = rules.firstIndex(where: { $0.rule.target == rule.target }) {
                rules[index] = (rule, false)
            } else {
                rules.append((rule, false))
            }
        }
        comparisons = rules.filter { !skip.contains($0.rule.target) }.map { entry in
            settings.comparison(entry.rule, isDefault: entry.isDefault, scenario: scenario)
        }
        qualityGates = (config.qualityGates + (override?.qualityGates ?? [])).filter { !skip.contains($0.target) }
        budgets = (config.budgets + (override?.budgets ?? [])).filter { !skip.contains($0.target) }
    }

    /// The built-in comparisons for the metrics a scenario has.
    ///
    /// Latencies are judged at the median (Mann–Whitney: the bulk of requests) and at p95
    /// (bootstrap: the tail users feel); per-request throughput at the median; cost at the mean;
    /// error rate and goodput (scenarios with an SLO) by Fisher's exact test on their request
    /// counts. Per-scenario throughputs (goodput per second too) have one value per run, so no
    /// significance test is possible from one run: they are checked against the threshold as
    /// warnings only. Declared metrics follow the same pattern: per request like a latency, per
    /// scenario like a throughput.
    public static func defaultRules(for available: [Metric]) -> [ComparisonRule] {
        var rules: [ComparisonRule] = []
        for metric in available.sorted() {
            switch metric {
            case .ttftMs, .itlMs, .tpotMs, .e2eMs:
                rules.append(ComparisonRule(MetricStatistic(metric, .quantile(0.5))))
                rules.append(ComparisonRule(MetricStatistic(metric, .quantile(0.95))))
            case .outputTokensPerSecond:
                rules.append(ComparisonRule(MetricStatistic(metric, .quantile(0.5))))
            case .costUSD:
                rules.append(ComparisonRule(MetricStatistic(metric, .mean)))
            case .errorRate, .goodput:
                rules.append(ComparisonRule(MetricStatistic(metric, .value)))
            case .requestThroughput, .outputThroughput, .goodputRPS:
                rules.append(ComparisonRule(MetricStatistic(metric, .value), method: .threshold, severity: .warning))
            case _ where metric.granularity == .perRequest:
                // A declared per-request metric is judged like a latency: its bulk and its tail.
                rules.append(ComparisonRule(MetricStatistic(metric, .quantile(0.5))))
                rules.append(ComparisonRule(MetricStatistic(metric, .quantile(0.95))))
            default:
                // A declared per-scenario value has one number per run: threshold only, a warning.
                rules.append(ComparisonRule(MetricStatistic(metric, .value), method: .threshold, severity: .warning))
            }
        }
        return rules
    }

    /// The method `auto` stands for, given the statistic judged.
    ///
    /// Means get Welch's t-test; geometric means Welch on logs; the median Mann–Whitney;
    /// other quantiles a bootstrap of the quantile itself; min and max only the threshold (the
    /// bootstrap is inconsistent for extreme order statistics); error rate and goodput Fisher's exact test.
    public static func resolve(_ method: ComparisonMethod, for target: MetricStatistic) -> ComparisonMethod {
        guard method == .auto else { return method }
        switch target.statistic {
        case .mean: return .welch
        case .geometricMean: return .welchLog
        case .quantile(let q): return q == 0.5 ? .mannWhitney : .bootstrap
        case .min, .max: return .threshold
        case .value: return target.metric.isJudgedByFisher ? .fisher : .threshold
        }
    }
}
