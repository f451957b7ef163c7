/// The result of van Elteren's stratified rank test.
public struct StratifiedRankResult: Sendable, Equatable {
    /// The standardized statistic: positive when the first samples tend to be larger.
    public let z: Double
    /// The p-value for the requested alternative (normal approximation).
    public let pValue: Double
    /// The alternative tested.
    public let alternative: Alternative
    /// Strata that contributed (both samples present and not all tied).
    public let strata: Int
}

/// van Elteren's stratified Wilcoxon–Mann–Whitney test: the rank test within blocks, combined.
///
/// - Null hypothesis: within every stratum (block) the two samples come from the same
///   distribution; `.greater` means the first samples tend to be larger.
/// - Why: interleaved A/B runs alternate baseline and candidate requests in randomized blocks;
///   ranking within each block removes any drift of the endpoint between blocks (a warming
///   cache, a neighbour's load) from the comparison, and the rank test keeps Mann–Whitney's
///   robustness to skew and outliers.
/// - Statistic: within stratum b, W_b is the first sample's rank sum among the pooled values
///   (average ranks for ties); V = Σ W_b / (N_b + 1) with N_b the stratum's size (van Elteren's
///   locally most powerful weights). Under H₀, E[W_b] = m_b(N_b + 1)/2 and
///   Var[W_b] = m_b n_b (N_b + 1)/12 − m_b n_b Σ(t³ − t) / (12 N_b (N_b − 1)) for tie groups t.
///   z = (V − E[V]) / √Var[V], with the normal approximation and no continuity correction (the
///   weighted sum is not integer valued). With one stratum this is exactly scipy's
///   `mannwhitneyu(..., method='asymptotic', use_continuity=False)`.
/// - Strata with an empty side or all values tied carry no information and are skipped;
///   undefined when none remains.
/// - Reference: P. H. van Elteren, "On the combination of independent two-sample tests of
///   Wilcoxon", Bull. Int. Statist. Inst. 37 (1960) 351–361; Lehmann, "Nonparametrics" (1975) §3.3.
public func vanElterenTest(
    _ strata: [(first: [Double], second: [Double])], options: TestOptions = TestOptions()
) throws(StatsUndefined) -> StratifiedRankResult {
    var statistic = 0.0
    var expected = 0.0
    var variance = 0.0
    var used = 0
    for stratum in strata where !stratum.first.isEmpty && !stratum.second.isEmpty {
        try InputValidation.requireFinite(stratum.first, stratum.second, for: .vanElteren)
        let ranks = RankSummary(sortedFirst: RadixSort.sorted(stratum.first), sortedSecond: RadixSort.sorted(stratum.second))
        if ranks.allTied { continue }
        let m = Double(stratum.first.count)
        let n = Double(stratum.second.count)
        let total = m + n
        let weight = 1 / (total + 1)
        statistic += weight * ranks.firstRankSum
        expected += weight * m * (total + 1) / 2
        variance += weight * weight * (m * n * (total + 1) / 12 - m * n * ranks.tieTerm / (12 * total * (total - 1)))
        used += 1
    }
    guard used > 0, variance > 0 else { throw StatsUndefined(.vanElteren, .allValuesTied) }
    let z = (statistic - expected) / variance.squareRoot()
    return StratifiedRankResult(
        z: z, pValue: Normal.pValue(z: z, alternative: options.alternative), alternative: options.alternative, strata: used)
}
