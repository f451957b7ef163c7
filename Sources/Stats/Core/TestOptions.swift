/// The knobs shared by tests and intervals: the alternative hypothesis and the confidence level.
///
/// Keeping them together means a new knob does not change every signature (benchstat's
/// `benchmath` passes alpha and confidence the same way).
public struct TestOptions: Sendable, Equatable, Hashable {
    /// The alternative hypothesis; also decides whether intervals are one- or two-sided.
    public var alternative: Alternative
    /// The confidence level of intervals, strictly between 0 and 1 (0.95 by convention).
    public var confidenceLevel: Double

    /// Creates options; the defaults are a two-sided test with a 95% interval.
    public init(alternative: Alternative = .twoSided, confidenceLevel: Double = 0.95) {
        self.alternative = alternative
        self.confidenceLevel = confidenceLevel
    }

    /// Checks that the confidence level is usable, naming `procedure` in the error.
    func validated(for procedure: Procedure) throws(StatsUndefined) -> TestOptions {
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw StatsUndefined(procedure, .invalidConfidenceLevel(confidenceLevel))
        }
        return self
    }
}
