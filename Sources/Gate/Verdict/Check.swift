import LensCore

/// One judged rule in one scenario: the unit that becomes a JUnit test case and a Markdown row.
public struct Check: Sendable, Equatable {
    /// What kind of rule produced the check.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A comparison with the baseline (threshold and significance).
        case comparison
        /// An absolute condition on the current run.
        case qualityGate = "quality_gate"
        /// A performance budget (absolute ceiling plus allowed drift from the baseline).
        case budget
        /// A limit on the slope of a statistic over the baseline history.
        case trend
    }

    /// The scenario the check belongs to.
    public var scenario: String
    /// The rule kind.
    public var kind: Kind
    /// The judged metric and statistic.
    public var target: MetricStatistic
    /// The evidence used (for comparisons), after resolving `auto`.
    public var method: ComparisonMethod?
    /// The rule as written for gates (`ttft_ms.p95 < 800`), for display.
    public var ruleText: String?
    /// The baseline's value of the statistic.
    public var baselineValue: Double?
    /// The current run's value of the statistic.
    public var currentValue: Double?
    /// The change from baseline to current with its interval and evidence.
    public var change: Change?
    /// The practical threshold in percent, for comparisons and budgets.
    public var thresholdPercent: Double?
    /// The result.
    public var outcome: Outcome
    /// How much a failure matters.
    public var severity: Severity
    /// One human sentence saying what happened.
    public var message: String
    /// Caveats worth showing (few samples, undefined tests, ties).
    public var notes: [String]
    /// The series behind a trend check, oldest first (the current run last).
    public var series: [Double]?

    /// Creates a check.
    public init(
        scenario: String, kind: Kind, target: MetricStatistic, method: ComparisonMethod? = nil, ruleText: String? = nil,
        baselineValue: Double? = nil, currentValue: Double? = nil, change: Change? = nil, thresholdPercent: Double? = nil,
        outcome: Outcome, severity: Severity, message: String, notes: [String] = []
    ) {
        self.scenario = scenario
        self.kind = kind
        self.target = target
        self.method = method
        self.ruleText = ruleText
        self.baselineValue = baselineValue
        self.currentValue = currentValue
        self.change = change
        self.thresholdPercent = thresholdPercent
        self.outcome = outcome
        self.severity = severity
        self.message = message
        self.notes = notes
    }

    /// A short name unique within a scenario, e.g. `ttft_ms.p95` or `gate: ttft_ms.p95 < 800`.
    public var name: String {
        switch kind {
        case .comparison: target.description
        case .qualityGate: "gate: \(ruleText ?? target.description)"
        case .budget: "budget: \(target)"
        case .trend: "trend: \(target)"
        }
    }

    /// Whether this check makes the gate fail.
    public var failsGate: Bool {
        severity == .error && (outcome == .regressed || outcome == .unmeasured)
    }
}

/// What a check concluded.
public enum Outcome: String, Sendable, Equatable, CaseIterable {
    /// Within the rule: no change beyond the threshold with significance, or the condition holds.
    case passed
    /// A significant change beyond the threshold in the better direction.
    case improved
    /// The rule failed: a significant change beyond the threshold in the worse direction, or a broken condition.
    case regressed
    /// The check could not be judged: data missing from the current run or too little to decide.
    case unmeasured
    /// Not judged because the baseline has nothing to compare with (new scenario or metric).
    case skipped
}

/// A change from baseline to current, with its size and its evidence.
public struct Change: Sendable, Equatable {
    /// Relative change in percent (current / baseline − 1), signed; nil when the baseline is 0.
    public var percent: Double?
    /// The confidence interval of `percent`, when one could be computed.
    public var interval: ClosedRange<Double>?
    /// The confidence level of `interval`.
    public var confidence: Double
    /// One-sided p-value in the worse direction (H1: current is worse).
    public var pWorse: Double?
    /// One-sided p-value in the better direction (H1: current is better).
    public var pBetter: Double?
    /// Two-sided p-value.
    public var pTwoSided: Double?
    /// The p-value that decided, after suite-wide correction.
    public var adjustedP: Double?
    /// Which correction family `adjustedP` belongs to: the worse-direction tests (regressions),
    /// or the better-direction ones when the check is reported as a significant improvement.
    public var adjustedFamily: PValueFamily?
    /// Whether the change is statistically significant at the check's alpha after correction.
    public var significant: Bool
    /// Baseline sample count.
    public var baselineCount: Int
    /// Current sample count.
    public var currentCount: Int
    /// The smallest worse-direction change (percent) this comparison could detect with 80% power.
    public var detectionLimitPercent: Double?
    /// Extra evidence: other tests and effect sizes computed for the same comparison.
    public var evidence: [Evidence]
    /// The run's shared shift (percent, in the metric's raw direction) that `percent` and
    /// `interval` are measured after, when the history model took it out: the baseline and
    /// current values are then raw while the change is not. Nil for a raw change.
    public var afterSharedShiftPercent: Double?

    /// Creates a change.
    public init(
        percent: Double?, interval: ClosedRange<Double>? = nil, confidence: Double, pWorse: Double? = nil,
        pBetter: Double? = nil, pTwoSided: Double? = nil, adjustedP: Double? = nil, adjustedFamily: PValueFamily? = nil,
        significant: Bool = false, baselineCount: Int, currentCount: Int, detectionLimitPercent: Double? = nil,
        evidence: [Evidence] = []
    ) {
        self.percent = percent
        self.interval = interval
        self.confidence = confidence
        self.pWorse = pWorse
        self.pBetter = pBetter
        self.pTwoSided = pTwoSided
        self.adjustedP = adjustedP
        self.adjustedFamily = adjustedFamily
        self.significant = significant
        self.baselineCount = baselineCount
        self.currentCount = currentCount
        self.detectionLimitPercent = detectionLimitPercent
        self.evidence = evidence
    }
}

/// The family of one-sided tests a corrected p-value was adjusted in: the run's worse-direction
/// p-values are corrected together (they decide regressions), and so are its better-direction ones
/// (they decide improvements).
public enum PValueFamily: String, Sendable, Equatable, CaseIterable {
    /// H₁: current is worse (regressions).
    case worse
    /// H₁: current is better (improvements).
    case better
}

/// A supporting statistical result reported next to the deciding one.
public struct Evidence: Sendable, Equatable {
    /// The test or estimator, e.g. `welch`, `welch-log`, `mann-whitney`, `hodges-lehmann`.
    public var name: String
    /// Its statistic or estimate (t, U, shift in the metric's unit…).
    public var statistic: Double?
    /// An interval for the estimate, when it has one.
    public var interval: ClosedRange<Double>?
    /// One-sided p in the worse direction.
    public var pWorse: Double?
    /// Two-sided p.
    public var pTwoSided: Double?
    /// Why it could not be computed, when it could not.
    public var undefinedReason: String?

    /// Creates evidence.
    public init(
        name: String, statistic: Double? = nil, interval: ClosedRange<Double>? = nil, pWorse: Double? = nil,
        pTwoSided: Double? = nil, undefinedReason: String? = nil
    ) {
        self.name = name
        self.statistic = statistic
        self.interval = interval
        self.pWorse = pWorse
        self.pTwoSided = pTwoSided
        self.undefinedReason = undefinedReason
    }
}
