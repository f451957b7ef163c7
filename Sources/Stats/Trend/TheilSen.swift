/// A Theil–Sen line with the confidence interval of its slope.
public struct TheilSenTrend: Sendable, Equatable {
    /// The median of the pairwise slopes.
    public let slope: Double
    /// median(y) − slope·median(x) (scipy's 'separate' method).
    public let intercept: Double
    /// The lower bound of the slope's interval.
    public let lowSlope: Double
    /// The upper bound of the slope's interval.
    public let highSlope: Double
    /// The confidence level of the slope interval.
    public let confidence: Double
}

/// The Theil–Sen robust slope, matching `scipy.stats.theilslopes(y, x, alpha=confidence,
/// method='separate')`.
///
/// - Estimate: the median of (yᵢ − yⱼ)/(xᵢ − xⱼ) over all pairs with xᵢ > xⱼ; the intercept is
///   median(y) − slope·median(x) (Conover, "Practical Nonparametric Statistics" (1980) p. 267).
/// - Interval: Sen's (1968) eq. 2.6 — the slopes of ranks round((N ∓ z·σ)/2) among the N sorted
///   slopes, σ² = [n(n−1)(2n+5) − Σ tied-group terms in x and y]/18, z the normal quantile of
///   (1 − confidence)/2; rounding is half-to-even as numpy's. Like scipy, a confidence below ½
///   is read as 1 − confidence.
/// - Ties: pairs with equal x are skipped; ties reduce σ as in Sen's formula.
/// - Undefined with fewer than 2 points, when all x are equal (no slope), or when the tie
///   corrections make σ² negative (scipy returns NaN bounds).
/// - Cost: O(n²) slopes — meant for run histories (hundreds to a few thousand points).
/// - Reference: P. K. Sen, "Estimates of the regression coefficient based on Kendall's tau",
///   JASA 63 (1968) 1379–1389; H. Theil, Proc. KNAW 53 (1950).
public func theilSen(x: [Double], y: [Double], confidence: Double = 0.95) throws(StatsUndefined) -> TheilSenTrend {
    let procedure = Procedure.theilSen
    guard x.count == y.count else { throw StatsUndefined(procedure, .lengthMismatch(x.count, y.count)) }
    try InputValidation.requireCount(x.count, atLeast: 2, for: procedure)
    try InputValidation.requireFinite(x, y, for: procedure)
    guard confidence > 0, confidence < 1 else { throw StatsUndefined(procedure, .invalidConfidenceLevel(confidence)) }
    var slopes = [Double]()
    slopes.reserveCapacity(x.count * (x.count - 1) / 2)
    for i in x.indices {
        for j in x.indices where x[i] > x[j] {
            slopes.append((y[i] - y[j]) / (x[i] - x[j]))
        }
    }
    guard !slopes.isEmpty else { throw StatsUndefined(procedure, .constantPredictor) }
    slopes.sort()
    let slope = TheilSenTrend.median(slopes)
    let intercept = TheilSenTrend.median(y.sorted()) - slope * TheilSenTrend.median(x.sorted())
    let alpha = confidence > 0.5 ? 1 - confidence : confidence
    let z = Normal.uncheckedQuantile(alpha / 2)
    let n = x.count
    // The tie-corrected variance of Kendall's S (Sen 1968, eq. 2.6).
    let sigmaSquared =
        (1.0 / 18.0)
        * Double(n * (n - 1) * (2 * n + 5) - KendallCounting.tieSums(x).cubicWeights - KendallCounting.tieSums(y).cubicWeights)
    guard sigmaSquared >= 0 else {
        throw StatsUndefined(procedure, .invalidArgument(argument: "tie-corrected variance", value: sigmaSquared))
    }
    let sigma = sigmaSquared.squareRoot()
    let count = Double(slopes.count)
    let upperIndex = min(Int(((count - z * sigma) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
    let lowerIndex = max(Int(((count + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
    return TheilSenTrend(
        slope: slope, intercept: intercept,
        lowSlope: slopes[lowerIndex], highSlope: slopes[max(0, upperIndex)], confidence: confidence)
}

extension TheilSenTrend {
    /// numpy's median of an ascending array: the mean of the two middle values for even counts.
    static func median(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
