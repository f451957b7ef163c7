/// The result of Welch's t-test for the difference of two means, a − b.
public struct TTestResult: Sendable, Equatable {
    /// The t statistic, (mean(a) − mean(b)) / standardError.
    public let t: Double
    /// The Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// The p-value for the alternative in `alternative`.
    public let pValue: Double
    /// mean(a) − mean(b).
    public let meanDifference: Double
    /// √(var(a)/n_a + var(b)/n_b), the standard error of the difference.
    public let standardError: Double
    /// The interval for the true difference; one-sided alternatives give a half-infinite interval.
    public let confidenceInterval: ConfidenceInterval
    /// The alternative hypothesis the p-value and interval refer to.
    public let alternative: Alternative
    /// The sizes of the two samples.
    public let counts: SampleCounts
}

/// The sizes of the two samples of a two-sample procedure.
public struct SampleCounts: Sendable, Equatable, Hashable {
    /// Size of the first sample (the baseline where the API names it).
    public let first: Int
    /// Size of the second sample (the current run where the API names it).
    public let second: Int

    /// Creates the pair of sizes.
    public init(first: Int, second: Int) {
        self.first = first
        self.second = second
    }
}

/// Welch's unequal-variance t-test of H₀: mean(a) = mean(b), matching scipy's
/// `ttest_ind(a, b, equal_var=False, alternative=…)` and its `confidence_interval(level)`.
///
/// - Null hypothesis: the two population means are equal (variances may differ).
/// - Why: latency samples from two runs rarely share a variance; Welch's test keeps its size
///   under heteroscedasticity where Student's pooled test does not, and its interval gives the
///   size of the change, not only its significance.
/// - Ties are irrelevant. One constant sample is fine (the other supplies the variance and
///   df = n − 1). Both constant is undefined: scipy returns t = ±∞ with p = 0 when the means
///   differ (and NaN when they do not), with an arbitrary df of 1; neither is evidence.
/// - Needs at least 2 values per side (scipy returns NaN otherwise).
/// - Reference: B. L. Welch, "The generalization of 'Student's' problem when several different
///   population variances are involved", Biometrika 34 (1947) 28–35; F. E. Satterthwaite,
///   Biometrics Bulletin 2 (1946) 110–114 for the degrees of freedom.
public func welchTTest(
    _ a: [Double], _ b: [Double], options: TestOptions = TestOptions()
) throws(StatsUndefined) -> TTestResult {
    try welchTTest(a, b, options: options, procedure: .welchTTest)
}

/// Welch's test with the procedure named in errors (shared with the log variant).
func welchTTest(
    _ a: [Double], _ b: [Double], options: TestOptions, procedure: Procedure
) throws(StatsUndefined) -> TTestResult {
    let options = try options.validated(for: procedure)
    try InputValidation.requireCounts(a.count, b.count, atLeast: 2, for: procedure)
    try InputValidation.requireFinite(a, b, for: procedure)
    let meanA = Descriptive.uncheckedMean(a)
    let meanB = Descriptive.uncheckedMean(b)
    let scaledA = Descriptive.uncheckedVariance(a, mean: meanA) / Double(a.count)
    let scaledB = Descriptive.uncheckedVariance(b, mean: meanB) / Double(b.count)
    let largest = max(scaledA, scaledB)
    guard largest > 0 else { throw StatsUndefined(procedure, .zeroVarianceInBothSamples) }
    // Welch–Satterthwaite, scaled by the larger term so that tiny or huge variances cannot
    // underflow or overflow when squared (the ratio is scale-free).
    let ratioA = scaledA / largest
    let ratioB = scaledB / largest
    let degreesOfFreedom =
        (ratioA + ratioB) * (ratioA + ratioB)
        / (ratioA * ratioA / Double(a.count - 1) + ratioB * ratioB / Double(b.count - 1))
    let standardError = (scaledA + scaledB).squareRoot()
    let difference = meanA - meanB
    let t = difference / standardError
    let distribution = try StudentT(degreesOfFreedom: degreesOfFreedom)
    return TTestResult(
        t: t,
        degreesOfFreedom: degreesOfFreedom,
        pValue: TDistributionTests.pValue(t: t, distribution: distribution, alternative: options.alternative),
        meanDifference: difference,
        standardError: standardError,
        confidenceInterval: try TDistributionTests.interval(
            estimate: difference, standardError: standardError, distribution: distribution, options: options),
        alternative: options.alternative,
        counts: SampleCounts(first: a.count, second: b.count))
}

/// p-values and intervals shared by the tests whose statistic follows a t distribution.
enum TDistributionTests {
    /// scipy's `_get_pvalue` for a symmetric distribution, capped at 1.
    static func pValue(t: Double, distribution: StudentT, alternative: Alternative) -> Double {
        switch alternative {
        case .less: return distribution.cdf(t)
        case .greater: return distribution.sf(t)
        case .twoSided: return min(1, 2 * distribution.sf(abs(t)))
        }
    }

    /// scipy's `_t_confidence_interval`: estimate + quantile × standard error, one- or two-sided.
    static func interval(
        estimate: Double, standardError: Double, distribution: StudentT, options: TestOptions
    ) throws(StatsUndefined) -> ConfidenceInterval {
        let level = options.confidenceLevel
        switch options.alternative {
        case .less:
            let upper = try distribution.quantile(level)
            return ConfidenceInterval(lower: -.infinity, upper: estimate + upper * standardError, level: level)
        case .greater:
            let lower = try distribution.quantile(1 - level)
            return ConfidenceInterval(lower: estimate + lower * standardError, upper: .infinity, level: level)
        case .twoSided:
            let tail = (1 - level) / 2
            let low = try distribution.quantile(tail)
            let high = try distribution.quantile(1 - tail)
            return ConfidenceInterval(
                lower: estimate + low * standardError, upper: estimate + high * standardError, level: level)
        }
    }
}
