/// A relative change current/baseline − 1 with its confidence interval.
public struct RelativeChange: Sendable, Equatable {
    /// The point estimate of current/baseline − 1 (e.g. 0.12 for 12% larger).
    public let estimate: Double
    /// The interval for the relative change.
    public let confidenceInterval: ConfidenceInterval
    /// The degrees of freedom of the t quantile used for the interval.
    public let degreesOfFreedom: Double
    /// The sizes of the baseline and current samples.
    public let counts: SampleCounts
}

/// The relative change of means, mean(current)/mean(baseline) − 1, with a Fieller interval.
///
/// - Interval: Fieller's theorem for the ratio ρ of two independent means a (current) and b
///   (baseline) is the set of ρ with (a − ρb)² ≤ t²·(v_a + ρ²·v_b), where v are the squared
///   standard errors; solving the quadratic gives
///   ρ = [ab ± t·√(a²v_b + b²v_a − t²v_a·v_b)] / (b² − t²v_b). The t quantile uses the
///   Welch–Satterthwaite degrees of freedom of a − ρb evaluated at the estimate ρ̂ = a/b,
///   ν = (v_a + ρ̂²v_b)² / (v_a²/(n_a − 1) + ρ̂⁴v_b²/(n_b − 1)), as in Tamhane & Logan,
///   "Finding the maximum safe dose level for heteroscedastic data", J. Biopharm. Stat. 14
///   (2004) 843–856. Reference: E. C. Fieller, "Some problems in interval estimation", JRSS B 16
///   (1954) 175–185.
/// - Undefined when a side has fewer than 2 values, both samples are constant (ν is 0/0), the
///   baseline mean is zero, or b² ≤ t²v_b: then the baseline mean is not significantly
///   different from zero and the Fieller set is unbounded (or the whole line).
/// - Two-sided only; `confidence` is the coverage of the interval.
public func relativeMeanChange(
    baseline: [Double], current: [Double], confidence: Double = 0.95
) throws(StatsUndefined) -> RelativeChange {
    let procedure = Procedure.relativeMeanChange
    guard confidence > 0, confidence < 1 else { throw StatsUndefined(procedure, .invalidConfidenceLevel(confidence)) }
    try InputValidation.requireCounts(baseline.count, current.count, atLeast: 2, for: procedure)
    try InputValidation.requireFinite(baseline, current, for: procedure)
    let b = Descriptive.uncheckedMean(baseline)
    let a = Descriptive.uncheckedMean(current)
    guard b != 0 else { throw StatsUndefined(procedure, .zeroBaseline) }
    let vb = Descriptive.uncheckedVariance(baseline, mean: b) / Double(baseline.count)
    let va = Descriptive.uncheckedVariance(current, mean: a) / Double(current.count)
    guard va > 0 || vb > 0 else { throw StatsUndefined(procedure, .zeroVarianceInBothSamples) }
    let ratio = a / b
    let weightedB = ratio * ratio * vb
    let degreesOfFreedom =
        (va + weightedB) * (va + weightedB)
        / (va * va / Double(current.count - 1) + weightedB * weightedB / Double(baseline.count - 1))
    let t = try StudentT(degreesOfFreedom: degreesOfFreedom).quantile(1 - (1 - confidence) / 2)
    let denominator = b * b - t * t * vb
    guard denominator > 0 else { throw StatsUndefined(procedure, .unboundedInterval) }
    let root = (a * a * vb + b * b * va - t * t * va * vb).squareRoot()
    let lower = (a * b - t * root) / denominator
    let upper = (a * b + t * root) / denominator
    return RelativeChange(
        estimate: ratio - 1,
        confidenceInterval: ConfidenceInterval(lower: lower - 1, upper: upper - 1, level: confidence),
        degreesOfFreedom: degreesOfFreedom,
        counts: SampleCounts(first: baseline.count, second: current.count))
}
