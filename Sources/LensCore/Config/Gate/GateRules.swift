/// How much a failed rule matters.
public enum Severity: String, Sendable, CaseIterable, Codable, Comparable {
    /// Fails the gate (exit 1).
    case error
    /// Reported, does not fail the gate.
    case warning

    /// Errors sort before warnings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
}

/// The statistical evidence a comparison rule asks for before calling a change significant.
public enum ComparisonMethod: String, Sendable, CaseIterable, Codable {
    /// Pick by statistic: Welch for means, Mann–Whitney for the median, bootstrap for tail quantiles,
    /// Fisher's exact test for error rate, threshold only for per-scenario throughputs.
    case auto
    /// Practical threshold only, no significance test.
    case threshold
    /// Welch's t-test on raw values.
    case welch
    /// Welch's t-test on log values (ratio of geometric means).
    case welchLog = "welch-log"
    /// Mann–Whitney U test (a shift in the distribution).
    case mannWhitney = "mann-whitney"
    /// Mann–Whitney within randomized blocks (van Elteren), for interleaved A/B runs; `auto` and
    /// `mann-whitney` become this when both sides carry block labels.
    case mannWhitneyBlocked = "mann-whitney-blocked"
    /// Bootstrap of the statistic itself.
    case bootstrap
    /// Fisher's exact test on failed/succeeded counts (error rate only).
    case fisher
    /// Against the baseline history: the run-to-run spread learned from earlier baselines (see
    /// docs/noise-model.md). Chosen automatically when the history is long enough.
    case history
}

/// Multiple-testing control across all checks of a run.
public enum Correction: String, Sendable, CaseIterable, Codable {
    /// Holm's step-down: controls the chance of any false alarm (family-wise error rate).
    case holm
    /// Benjamini–Hochberg: controls the expected share of false alarms among alarms (FDR).
    case bh
    /// No correction: each check at its own alpha.
    case none
}

/// A comparison with the baseline: fail when the change is worse than the threshold and significant.
public struct ComparisonRule: Sendable, Equatable {
    /// What is compared.
    public var target: MetricStatistic
    /// The practical threshold in percent (the worse-direction change that matters); nil inherits the gate's.
    public var thresholdPercent: Double?
    /// The evidence required.
    public var method: ComparisonMethod
    /// The significance level of this check before suite-wide correction; nil inherits the gate's.
    public var alpha: Double?
    /// What a failure means.
    public var severity: Severity
    /// Where the rule was written (for messages), if it came from a file.
    public var position: TextPosition

    /// Creates a comparison rule.
    public init(
        _ target: MetricStatistic, thresholdPercent: Double? = nil, method: ComparisonMethod = .auto, alpha: Double? = nil,
        severity: Severity = .error, position: TextPosition = .unknown
    ) {
        self.target = target
        self.thresholdPercent = thresholdPercent
        self.method = method
        self.alpha = alpha
        self.severity = severity
        self.position = position
    }
}

/// An absolute condition on the current run, e.g. `ttft_ms.p95 < 800`.
public struct QualityGate: Sendable, Equatable {
    /// A comparison operator.
    public enum Comparator: String, Sendable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// Whether `value` satisfies `value <op> limit`.
        public func holds(_ value: Double, _ limit: Double) -> Bool {
            switch self {
            case .less: value < limit
            case .lessOrEqual: value <= limit
            case .greater: value > limit
            case .greaterOrEqual: value >= limit
            }
        }
    }

    /// What is measured.
    public var target: MetricStatistic
    /// The operator.
    public var comparator: Comparator
    /// The limit, in the metric's unit.
    public var limit: Double
    /// What a failure means.
    public var severity: Severity
    /// The condition as written, for reports.
    public var text: String
    /// The limit as written (`800ms`), read again in a declared metric's unit once the results declare it.
    public var limitText: String?
    /// Where the gate was written.
    public var position: TextPosition

    /// Creates a quality gate.
    public init(
        _ target: MetricStatistic, _ comparator: Comparator, _ limit: Double, severity: Severity = .error,
        text: String? = nil, position: TextPosition = .unknown
    ) {
        self.target = target
        self.comparator = comparator
        self.limit = limit
        self.severity = severity
        self.text = text ?? "\(target) \(comparator.rawValue) \(limit)"
        self.position = position
    }
}

/// A performance budget: an absolute ceiling plus an allowed drift from the baseline.
public struct Budget: Sendable, Equatable {
    /// What is budgeted.
    public var target: MetricStatistic
    /// The absolute budget in the metric's unit (a ceiling for lower-is-better metrics, a floor otherwise).
    public var budget: Double
    /// The budget as written (`800ms`), read again in a declared metric's unit once the results declare it.
    public var budgetText: String?
    /// How far (percent, in the worse direction) the value may move from the baseline; nil = not checked.
    public var allowedVariancePercent: Double?
    /// What a failure means.
    public var severity: Severity
    /// Where the budget was written.
    public var position: TextPosition

    /// Creates a budget.
    public init(
        _ target: MetricStatistic, budget: Double, allowedVariancePercent: Double? = nil, severity: Severity = .error,
        position: TextPosition = .unknown
    ) {
        self.target = target
        self.budget = budget
        self.allowedVariancePercent = allowedVariancePercent
        self.severity = severity
        self.position = position
    }
}

/// A limit on how fast a statistic may creep over the baseline history (plus the current run).
public struct TrendRule: Sendable, Equatable {
    /// What is followed.
    public var target: MetricStatistic
    /// How many of the newest history points are used (the current run is added as the last one).
    public var window: Int
    /// The largest tolerated worsening, percent of the mean per run.
    public var maxSlopePercent: Double
    /// What a failure means (a trend is a slow signal: warning by default).
    public var severity: Severity
    /// Where the rule was written.
    public var position: TextPosition

    /// Creates a trend rule.
    public init(
        _ target: MetricStatistic, window: Int = 8, maxSlopePercent: Double, severity: Severity = .warning,
        position: TextPosition = .unknown
    ) {
        self.target = target
        self.window = window
        self.maxSlopePercent = maxSlopePercent
        self.severity = severity
        self.position = position
    }
}

/// How run-to-run noise is accounted for when comparing with a stored baseline.
public enum NoiseModel: String, Sendable, CaseIterable, Codable {
    /// `history` when the baseline history has enough runs, else `within-run`.
    case auto
    /// Only the samples of the baseline run and the current run (valid when both ran in the same
    /// job, e.g. interleaved A/B; cries wolf on runners that are faster or slower from job to job).
    case withinRun = "within-run"
    /// Learn each statistic's run-to-run spread from the baseline history.
    case history
}

/// Rerunning flagged scenarios before failing: a regression must show again on more data.
public struct Confirmation: Sendable, Equatable {
    /// Extra runs of each flagged scenario (0 = off). Two by default: with three times the data a
    /// real 10% regression is confirmed about 94% of the time in an interleaved run of 200 requests
    /// per side, against about 90% with one rerun (Benchmarks/decision-benchmark).
    public var reruns: Int
    /// The per-check significance level that flags a check for confirmation (uncorrected: screening
    /// must miss few real regressions; the final decision on all the data is corrected).
    public var screeningAlpha: Double

    /// Creates a confirmation policy.
    public init(reruns: Int = 2, screeningAlpha: Double = 0.02) {
        self.reruns = reruns
        self.screeningAlpha = screeningAlpha
    }
}
