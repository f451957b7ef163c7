import LensCore

/// A shift shared by every check of the run — what a faster or slower CI job looks like —
/// estimated against the baseline history and judged on its own.
public struct SuiteShift: Sendable, Equatable {
    /// The shared change in percent (worse-oriented: positive means everything got worse).
    public var percent: Double
    /// Its confidence interval against the history's job-to-job spread.
    public var interval: ClosedRange<Double>?
    /// One-sided p-value for "worse than the history's spread explains".
    public var pWorse: Double?
    /// How many checks the shift was estimated from.
    public var checks: Int
    /// How many history runs its spread was learned from (0: no history, descriptive only).
    public var runs: Int
    /// Whether it is significant and beyond the threshold in the worse direction.
    public var isRegression: Bool
    /// Whether it fails the gate: a shared shift fails it exactly when it is a regression.
    public var failsGate: Bool { isRegression }
    /// Whether it is reported but could not be judged (a history of fewer than 3 separate jobs).
    public var isInconclusive: Bool { pWorse == nil && !isRegression && runs < 3 }
    /// One sentence for the reports.
    public var message: String

    /// Creates a suite shift.
    public init(
        percent: Double, interval: ClosedRange<Double>?, pWorse: Double?, checks: Int, runs: Int,
        isRegression: Bool, message: String
    ) {
        self.percent = percent
        self.interval = interval
        self.pWorse = pWorse
        self.checks = checks
        self.runs = runs
        self.isRegression = isRegression
        self.message = message
    }
}
