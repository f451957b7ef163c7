import LensCore

/// Where a resolved setting came from. The order of the cases is the precedence: a rule's own
/// value beats its scenario's, which beats the config's `gate:` value, which beats the
/// command-line flag, which beats lens-gate's built-in default.
public enum SettingSource: Int, Sendable, Equatable, Comparable, CaseIterable {
    /// The comparison rule's own `threshold_percent` or `alpha`.
    case rule
    /// The scenario's override (`gate.scenarios.NAME`).
    case scenario
    /// The config's `gate:` section.
    case config
    /// The command-line flag (`--threshold`, `--alpha`).
    case flag
    /// lens-gate's default (`GateConfig.defaultThresholdPercent`, `GateConfig.defaultAlpha`).
    case builtIn

    /// Higher precedence sorts first.
    public static func < (lhs: SettingSource, rhs: SettingSource) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A setting's value and the place it came from.
public struct ResolvedSetting: Sendable, Equatable {
    /// The value that applies.
    public var value: Double
    /// Where it was set.
    public var source: SettingSource

    /// Creates a resolved setting.
    public init(_ value: Double, from source: SettingSource) {
        self.value = value
        self.source = source
    }

    /// The first value that is set, in the order given (highest precedence first).
    static func first(_ candidates: [(Double?, SettingSource)], otherwise fallback: ResolvedSetting) -> ResolvedSetting {
        for (value, source) in candidates {
            if let value { return ResolvedSetting(value, from: source) }
        }
        return fallback
    }
}

/// Run-wide settings given on the command line (`--threshold`, `--alpha`): they apply wherever
/// the config sets no value of its own.
public struct GateFlags: Sendable, Equatable {
    /// `--threshold`, percent.
    public var thresholdPercent: Double?
    /// `--alpha`.
    public var alpha: Double?

    /// Creates the flags (nil: not given).
    public init(thresholdPercent: Double? = nil, alpha: Double? = nil) {
        self.thresholdPercent = thresholdPercent
        self.alpha = alpha
    }
}

/// Every setting of one decision, resolved once: the stages read thresholds and significance
/// levels only from here (or from the `RulePlan.Comparison` built here), never from the config.
///
/// Precedence, for the threshold and α of each check: the rule's own value, else its scenario's
/// (`gate.scenarios.NAME`), else the config's (`gate.threshold_percent`, `gate.alpha`), else the
/// flag's (`--threshold`, `--alpha`), else the built-in default (5%, 0.02). The method is the
/// rule's (`auto` resolved by statistic) and the severity the rule's (`error` unless it says
/// otherwise). After a confirmation every significance level — rule, scenario or run-wide — is
/// multiplied by `alphaScale` (½).
public struct RunSettings: Sendable, Equatable {
    /// The config the settings come from.
    public let config: GateConfig
    /// The command-line values.
    public let flags: GateFlags
    /// The run-wide threshold (percent): what scenarios and rules without their own inherit, and
    /// the threshold of the run's shared shift.
    public let threshold: ResolvedSetting
    /// The run-wide significance level as set (before `alphaScale`).
    public let alpha: ResolvedSetting
    /// The factor on every significance level of this decision: 1 on a first look, ½ when the
    /// pooled data are decided after a confirmation (`ConfirmationPlan.finalAlphaScale`).
    public let alphaScale: Double
    /// How run-to-run noise is accounted for: the config's, except within-run when both sides
    /// were measured in the same job (an interleaved A/B run).
    public let noiseModel: NoiseModel
    /// Whether both sides were measured in the same job (an interleaved A/B run): a shift shared
    /// by every check is then the candidate's, not the runner's.
    public let sameJob: Bool

    /// Resolves the run-wide settings.
    public init(config: GateConfig, flags: GateFlags = GateFlags(), alphaScale: Double = 1, sameJob: Bool = false) {
        self.config = config
        self.flags = flags
        self.alphaScale = alphaScale
        threshold = ResolvedSetting.first(
            [(config.thresholdPercent, .config), (flags.thresholdPercent, .flag)],
            otherwise: ResolvedSetting(GateConfig.defaultThresholdPercent, from: .builtIn))
        alpha = ResolvedSetting.first(
            [(config.alpha, .config), (flags.alpha, .flag)],
            otherwise: ResolvedSetting(GateConfig.defaultAlpha, from: .builtIn))
        noiseModel = sameJob ? .withinRun : config.noiseModel
        self.sameJob = sameJob
    }

    /// The run-wide level the decision uses (the run's shared shift): `alpha` × `alphaScale`.
    public var decisionAlpha: Double { alpha.value * alphaScale }

    /// The threshold a scenario's checks inherit: its override's, else the run-wide one.
    public func threshold(forScenario name: String) -> ResolvedSetting {
        ResolvedSetting.first([(config.scenarioOverrides[name]?.thresholdPercent, .scenario)], otherwise: threshold)
    }

    /// The significance level (before `alphaScale`) a scenario's checks inherit: its override's, else the run-wide one.
    public func alpha(forScenario name: String) -> ResolvedSetting {
        ResolvedSetting.first([(config.scenarioOverrides[name]?.alpha, .scenario)], otherwise: alpha)
    }

    /// The level a scenario's trend rules are decided at (× `alphaScale`).
    func trendAlpha(forScenario name: String) -> Double { alpha(forScenario: name).value * alphaScale }

    /// One configured comparison with everything inherited filled in, in precedence order.
    func comparison(_ rule: ComparisonRule, isDefault: Bool, scenario: String) -> RulePlan.Comparison {
        let threshold = ResolvedSetting.first([(rule.thresholdPercent, .rule)], otherwise: threshold(forScenario: scenario))
        let alpha = ResolvedSetting.first([(rule.alpha, .rule)], otherwise: alpha(forScenario: scenario))
        return RulePlan.Comparison(
            target: rule.target, thresholdPercent: threshold.value, method: RulePlan.resolve(rule.method, for: rule.target),
            alpha: alpha.value * alphaScale, severity: rule.severity, isDefault: isDefault,
            thresholdSource: threshold.source, alphaSource: alpha.source)
    }
}
