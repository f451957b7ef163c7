/// A confidence interval; a one-sided interval has an infinite bound on its open side.
public struct ConfidenceInterval: Sendable, Equatable, Hashable {
    /// The lower bound (−∞ for an upper one-sided interval).
    public var lower: Double
    /// The upper bound (+∞ for a lower one-sided interval).
    public var upper: Double
    /// The nominal confidence level the interval was built for.
    public var level: Double

    /// Creates an interval from its bounds and confidence level.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}
