/// The result of a Mann–Whitney U test.
public struct MannWhitneyResult: Sendable, Equatable {
    /// U₁, the statistic of the first sample: the number of pairs (aᵢ, bⱼ) with aᵢ > bⱼ plus
    /// half the number of ties (scipy's `statistic`).
    public let u: Double
    /// The p-value for `alternative`.
    public let pValue: Double
    /// How the p-value was computed.
    public let method: PValueMethod
    /// U₁/(m·n) = P(A > B) + ½·P(A = B), the common-language effect size of the first sample.
    public let probabilityOfSuperiority: Double
    /// The alternative hypothesis the p-value refers to.
    public let alternative: Alternative
    /// The sizes of the two samples.
    public let counts: SampleCounts
}

/// The Mann–Whitney U (Wilcoxon rank-sum) test, matching `scipy.stats.mannwhitneyu(a, b,
/// use_continuity=…, alternative=…, method=…)`.
///
/// - Null hypothesis: both samples come from the same distribution; `.less` means the first
///   sample is stochastically smaller.
/// - Why: latency distributions are skewed and heavy-tailed; a rank test is insensitive to
///   outliers and needs no normality.
/// - Method: `.automatic` is scipy 1.17's rule — exact when either sample has at most 8 values
///   and there are no ties, asymptotic otherwise. The exact distribution ignores ties (a
///   non-integer U is truncated, as scipy does). The asymptotic p-value uses the tie-corrected
///   variance and, by default, a continuity correction of ½.
/// - Undefined when a sample is empty or all pooled values are tied (the rank variance is zero;
///   scipy then returns p = 1 from a division by zero).
/// - Cost: two sorts and one merge, O(N log N); a million values per side take well under a
///   second. Pass `SortedSample`s to skip the sorts.
/// - Reference: H. B. Mann and D. R. Whitney, Ann. Math. Statist. 18 (1947) 50–60; tie
///   correction from Lehmann, "Nonparametrics" (1975) §1.4.
public func mannWhitneyU(
    _ a: [Double], _ b: [Double], options: TestOptions = TestOptions(),
    method: MethodChoice = .automatic, continuityCorrection: Bool = true
) throws(StatsUndefined) -> MannWhitneyResult {
    try InputValidation.requireFinite(a, b, for: .mannWhitneyU)
    return try mannWhitneyU(
        SortedSample(a), SortedSample(b), options: options, method: method,
        continuityCorrection: continuityCorrection)
}

/// The Mann–Whitney U test on samples that are already sorted (see the array overload).
public func mannWhitneyU(
    _ a: SortedSample, _ b: SortedSample, options: TestOptions = TestOptions(),
    method: MethodChoice = .automatic, continuityCorrection: Bool = true
) throws(StatsUndefined) -> MannWhitneyResult {
    try InputValidation.requireCounts(a.count, b.count, atLeast: 1, for: .mannWhitneyU)
    let ranks = RankSummary(sortedFirst: a.values, sortedSecond: b.values)
    if ranks.allTied { throw StatsUndefined(.mannWhitneyU, .allValuesTied) }
    return mannWhitneyResult(
        ranks, a.count, b.count, alternative: options.alternative, method: method, continuityCorrection: continuityCorrection)
}

/// The Mann–Whitney U test for all three alternatives at once, from a single rank pass.
///
/// Equivalent to three calls of `mannWhitneyU` with `.greater`, `.less` and `.twoSided`, for a
/// third of the cost: a gate reports both one-sided p-values and the two-sided one.
public func mannWhitneyUAllAlternatives(
    _ a: SortedSample, _ b: SortedSample, method: MethodChoice = .automatic, continuityCorrection: Bool = true
) throws(StatsUndefined) -> MannWhitneyAlternatives {
    try InputValidation.requireCounts(a.count, b.count, atLeast: 1, for: .mannWhitneyU)
    let ranks = RankSummary(sortedFirst: a.values, sortedSecond: b.values)
    if ranks.allTied { throw StatsUndefined(.mannWhitneyU, .allValuesTied) }
    func result(_ alternative: Alternative) -> MannWhitneyResult {
        mannWhitneyResult(
            ranks, a.count, b.count, alternative: alternative, method: method,
            continuityCorrection: continuityCorrection)
    }
    return MannWhitneyAlternatives(greater: result(.greater), less: result(.less), twoSided: result(.twoSided))
}

/// The Mann–Whitney U test's results for each alternative hypothesis.
public struct MannWhitneyAlternatives: Sendable, Equatable {
    /// H₁: the first sample tends to be larger.
    public let greater: MannWhitneyResult
    /// H₁: the first sample tends to be smaller.
    public let less: MannWhitneyResult
    /// H₁: the samples differ.
    public let twoSided: MannWhitneyResult
}

/// The p-value of one alternative from a rank summary (shared by the single and the all-alternatives entry).
private func mannWhitneyResult(
    _ ranks: RankSummary, _ firstCount: Int, _ secondCount: Int, alternative: Alternative, method: MethodChoice,
    continuityCorrection: Bool
) -> MannWhitneyResult {
    let m = Double(firstCount)
    let n = Double(secondCount)
    let u1 = ranks.firstRankSum - m * (m + 1) / 2
    let u2 = m * n - u1
    // scipy evaluates every alternative as an upper-tail probability of one statistic.
    let statistic: Double
    let factor: Double
    switch alternative {
    case .greater: (statistic, factor) = (u1, 1)
    case .less: (statistic, factor) = (u2, 1)
    case .twoSided: (statistic, factor) = (max(u1, u2), 2)
    }
    let used = MannWhitneyMethodRule.resolve(method, firstCount, secondCount, hasTies: ranks.hasTies)
    let tail: Double
    switch used {
    case .exact:
        let k = Int(statistic)  // truncation, like scipy's cast to int64
        let distribution = MannWhitneyNullDistribution(firstCount, secondCount, maximum: min(k, firstCount * secondCount - k))
        tail = distribution.sf(k)
    case .asymptotic:
        tail = Normal.cdf(
            -MannWhitneyMethodRule.zScore(
                statistic, m, n, tieTerm: ranks.tieTerm, continuity: continuityCorrection))
    }
    return MannWhitneyResult(
        u: u1,
        pValue: min(max(tail * factor, 0), 1),
        method: used,
        probabilityOfSuperiority: u1 / (m * n),
        alternative: alternative,
        counts: SampleCounts(first: firstCount, second: secondCount))
}

/// scipy's choice of method and its standardized statistic, shared with Hodges–Lehmann.
enum MannWhitneyMethodRule {
    /// scipy 1.17 `_mwu_choose_method`: asymptotic if both sizes exceed 8 or there are ties.
    static func resolve(_ choice: MethodChoice, _ m: Int, _ n: Int, hasTies: Bool) -> PValueMethod {
        switch choice {
        case .exact: return .exact
        case .asymptotic: return .asymptotic
        case .automatic:
            // The threshold 8 is scipy's (and Mann & Whitney's table limit).
            if m > 8 && n > 8 { return .asymptotic }
            return hasTies ? .asymptotic : .exact
        }
    }

    /// The tie-corrected standard deviation of U under H₀, in scipy's order of operations.
    static func standardDeviation(_ m: Double, _ n: Double, tieTerm: Double) -> Double {
        let total = m + n
        // Clamped at zero: when every value is tied the bracket is 0 up to rounding.
        return max(0, m * n / 12 * ((total + 1) - tieTerm / (total * (total - 1)))).squareRoot()
    }

    /// (U − mn/2 − ½)/σ, the statistic whose upper tail scipy uses (`_get_mwu_z`).
    static func zScore(_ u: Double, _ m: Double, _ n: Double, tieTerm: Double, continuity: Bool) -> Double {
        var numerator = u - m * n / 2
        if continuity { numerator -= 0.5 }
        return numerator / standardDeviation(m, n, tieTerm: tieTerm)
    }
}
