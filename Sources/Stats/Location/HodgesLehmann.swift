/// The Hodges–Lehmann estimate of a location shift with its distribution-free interval.
public struct ShiftEstimate: Sendable, Equatable {
    /// The median of all pairwise differences current − baseline (the average of the two
    /// middle differences when m·n is even).
    public let estimate: Double
    /// The interval [d₍ₖ₎, d₍ₘₙ₋ₖ₊₁₎] of ordered differences, with coverage ≥ the level when
    /// k comes from the exact distribution.
    public let confidenceInterval: ConfidenceInterval
    /// Whether k came from the exact Mann–Whitney distribution or its normal approximation.
    public let method: PValueMethod
    /// The rank k of the lower bound among the m·n ordered differences.
    public let lowerRank: Int
    /// The sizes of the baseline and current samples.
    public let counts: SampleCounts
}

/// The Hodges–Lehmann shift of `current` relative to `baseline` and its confidence interval.
///
/// - Estimate: median of the m·n differences currentⱼ − baselineᵢ (Hodges & Lehmann, Ann.
///   Math. Statist. 34 (1963) 598–611); for even m·n the two middle differences are averaged.
/// - Interval: the k-th smallest and (mn − k + 1)-th smallest differences, where k is the
///   largest integer with P(U ≤ k − 1) ≤ (1 − level)/2 under the Mann–Whitney null (Lehmann,
///   "Nonparametrics" (1975) §2.6; Bauer, JASA 67 (1972) 687–690). P comes from the exact
///   distribution when scipy's Mann–Whitney rule would pick it (no ties and a side of ≤ 8
///   values), else from the normal approximation with tie correction and continuity
///   correction: k = ⌊mn/2 + ½ − z·σ⌋.
/// - Undefined when a side is empty or when the samples are too small for the level (k < 1:
///   even the widest interval covers less, e.g. 2 + 2 values give at most 66.7%).
/// - Cost: two sorts plus O((m + n)·log) selection; 10⁶ × 10⁶ takes a fraction of a second.
public func hodgesLehmannShift(
    baseline: [Double], current: [Double], confidenceLevel: Double = 0.95
) throws(StatsUndefined) -> ShiftEstimate {
    try InputValidation.requireFinite(baseline, current, for: .hodgesLehmann)
    return try hodgesLehmannShift(
        baseline: SortedSample(baseline), current: SortedSample(current), confidenceLevel: confidenceLevel)
}

/// The Hodges–Lehmann shift on samples that are already sorted (see the array overload).
public func hodgesLehmannShift(
    baseline: SortedSample, current: SortedSample, confidenceLevel: Double = 0.95
) throws(StatsUndefined) -> ShiftEstimate {
    guard confidenceLevel > 0, confidenceLevel < 1 else {
        throw StatsUndefined(.hodgesLehmann, .invalidConfidenceLevel(confidenceLevel))
    }
    try InputValidation.requireCounts(baseline.count, current.count, atLeast: 1, for: .hodgesLehmann)
    let m = baseline.count
    let n = current.count
    let total = m * n
    let ranks = RankSummary(sortedFirst: baseline.values, sortedSecond: current.values)
    let method = MannWhitneyMethodRule.resolve(.automatic, m, n, hasTies: ranks.hasTies)
    let tail = (1 - confidenceLevel) / 2
    let k: Int
    let widestCoverage: Double
    switch method {
    case .exact:
        let distribution = MannWhitneyNullDistribution(m, n, maximum: total / 2 + 1)
        var cumulative = 0.0
        var rank = 0
        while rank < distribution.probabilities.count, cumulative + distribution.probabilities[rank] <= tail {
            cumulative += distribution.probabilities[rank]
            rank += 1
        }
        k = rank
        widestCoverage = 1 - 2 * distribution.probabilities[0]
    case .asymptotic:
        let sigma = MannWhitneyMethodRule.standardDeviation(Double(m), Double(n), tieTerm: ranks.tieTerm)
        let z = -Normal.uncheckedQuantile(tail)
        let bound = Double(total) / 2 + 0.5 - z * sigma
        k = bound >= 1 ? Int(bound.rounded(.down)) : 0
        widestCoverage = sigma > 0 ? 1 - 2 * Normal.cdf((0.5 - Double(total) / 2) / sigma) : 1
    }
    guard k >= 1 else {
        throw StatsUndefined(.hodgesLehmann, .confidenceUnattainable(requested: confidenceLevel, attainable: widestCoverage))
    }
    // The two middle ranks (equal when m·n is odd) and the interval ranks, selected together.
    let middle = (total + 1) / 2
    let values = PairwiseDifferenceSelection(x: baseline.values, y: current.values)
        .elements(ranks: [middle, total / 2 + 1, k, total - k + 1])
    let estimate = total % 2 == 1 ? values[0] : (values[0] + values[1]) / 2
    let lower = values[2]
    let upper = values[3]
    return ShiftEstimate(
        estimate: estimate,
        confidenceInterval: ConfidenceInterval(lower: lower, upper: upper, level: confidenceLevel),
        method: method,
        lowerRank: k,
        counts: SampleCounts(first: m, second: n))
}
