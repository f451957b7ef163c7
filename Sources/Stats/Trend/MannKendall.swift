/// The Mann–Kendall trend test: Kendall's τ-b between run order and value.
public struct MannKendallResult: Sendable, Equatable {
    /// Kendall's τ-b of (0, 1, …, n − 1) against y.
    public let tau: Double
    /// S = concordant − discordant pairs (the Mann–Kendall statistic).
    public let score: Int
    /// The p-value for the alternative (`.greater`: an increasing trend).
    public let pValue: Double
    /// Whether the p-value came from the exact distribution or the normal approximation.
    public let method: PValueMethod
    /// The number of values.
    public let count: Int
}

/// The Mann–Kendall test of a monotone trend in y over run order, matching
/// `scipy.stats.kendalltau(range(n), y, method=…, alternative=…)` (τ-b).
///
/// - Null hypothesis: the values are exchangeable over time (no monotone trend).
/// - Why: a rank test, so one slow run or a heavy tail cannot fake or hide a trend.
/// - Method: `.automatic` is scipy's rule — exact when y has no ties and n ≤ 33, or when the
///   series is at most one swap from monotone; otherwise the normal approximation with the
///   tie-corrected variance [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 of S (Kendall, "Rank Correlation
///   Methods" (1970) ch. 4). Ties in y are handled by τ-b and the variance correction.
/// - Undefined with fewer than 2 values or when every y is equal (τ-b is 0/0).
/// - Cost: O(n log n) (inversions counted by merge sort).
public func mannKendall(
    _ y: [Double], options: TestOptions = TestOptions(), method: MethodChoice = .automatic
) throws(StatsUndefined) -> MannKendallResult {
    let procedure = Procedure.mannKendall
    try InputValidation.requireCount(y.count, atLeast: 2, for: procedure)
    try InputValidation.requireFinite(y, for: procedure)
    let n = y.count
    let total = n * (n - 1) / 2
    let discordant = KendallCounting.inversions(y)
    let ties = KendallCounting.tieSums(y)
    guard ties.pairs < total else { throw StatsUndefined(procedure, .allValuesTied) }
    let score = total - ties.pairs - 2 * discordant
    let tau = min(1, max(-1, Double(score) / Double(total).squareRoot() / Double(total - ties.pairs).squareRoot()))
    let used: PValueMethod
    switch method {
    case .exact:
        guard ties.pairs == 0 else {
            throw StatsUndefined(procedure, .invalidArgument(argument: "exact method with tied values", value: Double(ties.pairs)))
        }
        used = .exact
    case .asymptotic: used = .asymptotic
    case .automatic:
        // scipy: exact without ties when n ≤ 33 (its threshold) or within one swap of monotone.
        used = ties.pairs == 0 && (n <= 33 || min(discordant, total - discordant) <= 1) ? .exact : .asymptotic
    }
    let pValue: Double
    switch used {
    case .exact:
        pValue = KendallNullDistribution.pValue(n: n, concordant: total - discordant, alternative: options.alternative)
    case .asymptotic:
        let m = Double(n) * (Double(n) - 1)
        let variance = (m * (2 * Double(n) + 5) - Double(ties.cubicWeights)) / 18
        let z = Double(score) / variance.squareRoot()
        pValue = Normal.pValue(z: z, alternative: options.alternative)
    }
    return MannKendallResult(tau: tau, score: score, pValue: pValue, method: used, count: n)
}

/// Pair counts for Kendall's τ when x is the run index (so x has no ties).
enum KendallCounting {
    /// The number of pairs i < j with y[i] > y[j], by merge sort in O(n log n).
    static func inversions(_ values: [Double]) -> Int {
        var work = values
        var buffer = values
        var count = 0
        var width = 1
        while width < work.count {
            var start = 0
            while start < work.count {
                let middle = min(start + width, work.count)
                let end = min(start + 2 * width, work.count)
                var left = start
                var right = middle
                var out = start
                while left < middle, right < end {
                    if work[left] <= work[right] {
                        buffer[out] = work[left]
                        left += 1
                    } else {
                        // work[right] is smaller than every remaining left element.
                        count += middle - left
                        buffer[out] = work[right]
                        right += 1
                    }
                    out += 1
                }
                while left < middle {
                    buffer[out] = work[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    buffer[out] = work[right]
                    right += 1
                    out += 1
                }
                start = end
            }
            swap(&work, &buffer)
            width *= 2
        }
        return count
    }

    /// Σ t(t − 1)/2 (tied pairs) and Σ t(t − 1)(2t + 5) over groups of equal values.
    static func tieSums(_ values: [Double]) -> (pairs: Int, cubicWeights: Int) {
        let sorted = values.sorted()
        var pairs = 0
        var weights = 0
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            let t = end - start
            pairs += t * (t - 1) / 2
            weights += t * (t - 1) * (2 * t + 5)
            start = end
        }
        return (pairs, weights)
    }
}
