extension ClosedRange where Bound == Double {
    /// `lower...upper`, or nil when a bound is NaN or the bounds are out of order.
    ///
    /// Intervals are computed from data: a ratio of extreme samples overflows to infinity, and
    /// ∞ − ∞ (two infinite bootstrap replicates interpolated) is NaN, which `...` traps on. An
    /// interval that cannot be stated is left out (the check says why) rather than crash the gate.
    static func checked(_ lower: Double, _ upper: Double) -> ClosedRange<Double>? {
        guard lower <= upper else { return nil }
        return lower...upper
    }
}
