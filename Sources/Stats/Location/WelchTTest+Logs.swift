import RealModule

/// Welch's t-test on logarithms, reported as a ratio of geometric means.
public struct RatioTTestResult: Sendable, Equatable {
    /// The t-test of log(a) against log(b).
    public let onLogs: TTestResult
    /// geometricMean(a) / geometricMean(b) = exp(mean(log a) − mean(log b)).
    public let ratio: Double
    /// exp of the interval for the difference of log means: an interval for the ratio.
    public let ratioInterval: ConfidenceInterval
}

/// Welch's t-test on log values, the natural test for multiplicative changes in latency.
///
/// - Null hypothesis: the means of log(a) and log(b) are equal, i.e. the geometric means are.
/// - Why: latency is right-skewed and changes are multiplicative ("10% slower"); on the log
///   scale the distributions are closer to normal and a ratio is a difference.
/// - Ties and zero variance as in `welchTTest`; undefined if any value is ≤ 0.
/// - Reference: scipy `ttest_ind(log a, log b, equal_var=False)`; the back-transformed
///   interval is the standard one for a ratio of geometric means (e.g. Bland & Altman,
///   "Transforming data", BMJ 312 (1996) 770).
public func welchTTestOnLogs(
    _ a: [Double], _ b: [Double], options: TestOptions = TestOptions()
) throws(StatsUndefined) -> RatioTTestResult {
    try InputValidation.requireFinite(a, b, for: .welchTTestOnLogs)
    try InputValidation.requirePositive(a, for: .welchTTestOnLogs)
    try InputValidation.requirePositive(b, for: .welchTTestOnLogs)
    let result = try welchTTest(
        a.map { Double.log($0) }, b.map { Double.log($0) }, options: options, procedure: .welchTTestOnLogs)
    let interval = result.confidenceInterval
    return RatioTTestResult(
        onLogs: result,
        ratio: .exp(result.meanDifference),
        ratioInterval: ConfidenceInterval(lower: .exp(interval.lower), upper: .exp(interval.upper), level: interval.level))
}
