import LensCore

/// The raw statistical comparison of one rule, before suite-wide correction and the decision.
struct Estimate: Sendable {
    /// Relative change in percent (current / baseline − 1); nil when the baseline value is 0.
    var percent: Double?
    /// Confidence interval of `percent`.
    var interval: ClosedRange<Double>?
    /// One-sided p-value for "current is worse".
    var pWorse: Double?
    /// One-sided p-value for "current is better".
    var pBetter: Double?
    /// Two-sided p-value.
    var pTwoSided: Double?
    /// Standard error of `percent` (percentage points), for the detection limit.
    var standardErrorPercent: Double?
    /// Degrees of freedom behind `standardErrorPercent` (nil: normal approximation).
    var degreesOfFreedom: Double?
    /// Why the deciding test could not be computed, when it could not.
    var undefinedReason: String?
    /// Other tests and effect sizes for the same comparison.
    var evidence: [Evidence] = []
    /// Caveats.
    var notes: [String] = []
    /// The run's shared shift (percent, in the metric's raw direction) that `percent` and
    /// `interval` are measured after, when the history model took it out; nil: a raw change.
    var afterSharedShiftPercent: Double?
}
