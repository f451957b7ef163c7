/// A least-squares line y = intercept + slope·x with scipy `linregress`'s statistics.
public struct LinearTrend: Sendable, Equatable {
    /// The fitted slope.
    public let slope: Double
    /// The fitted intercept.
    public let intercept: Double
    /// Pearson's correlation r between x and y.
    public let rValue: Double
    /// The p-value of H₀: slope = 0 for the requested alternative.
    public let pValue: Double
    /// The standard error of the slope.
    public let slopeStandardError: Double
    /// The standard error of the intercept.
    public let interceptStandardError: Double
    /// The mean of y, for expressing the slope relative to the level.
    public let meanResponse: Double
    /// The number of points.
    public let count: Int

    /// The slope as a percentage of the mean of y (per unit of x, e.g. per run).
    public func slopePercentOfMean() throws(StatsUndefined) -> Double {
        guard meanResponse != 0 else { throw StatsUndefined(.olsTrend, .zeroBaseline) }
        return 100 * slope / meanResponse
    }
}

/// Ordinary least squares of y on x, matching `scipy.stats.linregress(x, y, alternative=…)`.
///
/// - Null hypothesis: the slope is zero (equivalently r = 0), tested with
///   t = r·√(ν/((1 − r + 10⁻²⁰)(1 + r + 10⁻²⁰))) on ν = n − 2 degrees of freedom; the 10⁻²⁰ is
///   scipy's `TINY`, which keeps a perfect fit finite.
/// - Why: the classic trend test for a series of runs; assumes roughly normal residuals, so
///   pair it with `theilSen` and `mannKendall` when outliers are likely.
/// - Undefined with fewer than 3 points (scipy reports p = 0 or 1 with zero standard errors for
///   2 points, which is not evidence), when all x are equal, or when all y are equal (r is 0/0).
/// - Reference: scipy.stats.linregress; any regression text, e.g. Draper & Smith, "Applied
///   Regression Analysis" (1998) ch. 1.
public func olsTrend(x: [Double], y: [Double], options: TestOptions = TestOptions()) throws(StatsUndefined) -> LinearTrend {
    let procedure = Procedure.olsTrend
    guard x.count == y.count else { throw StatsUndefined(procedure, .lengthMismatch(x.count, y.count)) }
    try InputValidation.requireCount(x.count, atLeast: 3, for: procedure)
    try InputValidation.requireFinite(x, y, for: procedure)
    guard x.contains(where: { $0 != x[0] }) else { throw StatsUndefined(procedure, .constantPredictor) }
    guard y.contains(where: { $0 != y[0] }) else { throw StatsUndefined(procedure, .constantValues) }
    let n = Double(x.count)
    let meanX = Descriptive.uncheckedMean(x)
    let meanY = Descriptive.uncheckedMean(y)
    var sxx = CompensatedSum()
    var syy = CompensatedSum()
    var sxy = CompensatedSum()
    for (xi, yi) in zip(x, y) {
        let dx = xi - meanX
        let dy = yi - meanY
        sxx.add(dx * dx)
        syy.add(dy * dy)
        sxy.add(dx * dy)
    }
    // Biased (divided by n) moments, as numpy's cov(bias=1) in linregress.
    let ssxm = sxx.value / n
    let ssym = syy.value / n
    let ssxym = sxy.value / n
    let r = min(1, max(-1, ssxym / (ssxm * ssym).squareRoot()))
    let slope = ssxym / ssxm
    let degreesOfFreedom = n - 2
    let tiny = 1.0e-20  // scipy's TINY in linregress
    let t = r * (degreesOfFreedom / ((1 - r + tiny) * (1 + r + tiny))).squareRoot()
    let distribution = try StudentT(degreesOfFreedom: degreesOfFreedom)
    let slopeError = ((1 - r * r) * ssym / ssxm / degreesOfFreedom).squareRoot()
    return LinearTrend(
        slope: slope,
        intercept: meanY - slope * meanX,
        rValue: r,
        pValue: TDistributionTests.pValue(t: t, distribution: distribution, alternative: options.alternative),
        slopeStandardError: slopeError,
        interceptStandardError: slopeError * (ssxm + meanX * meanX).squareRoot(),
        meanResponse: meanY,
        count: x.count)
}

/// OLS trend of y against its run index 0, 1, …, n − 1.
public func olsTrend(_ y: [Double], options: TestOptions = TestOptions()) throws(StatsUndefined) -> LinearTrend {
    try olsTrend(x: y.indices.map(Double.init), y: y, options: options)
}
