import RealModule

/// A 2×2 table of counts [[a, b], [c, d]] (rows are groups, columns are outcomes).
public struct TwoByTwoTable: Sendable, Equatable, Hashable {
    /// Row 1, column 1 (e.g. baseline errors).
    public let a: Int
    /// Row 1, column 2 (e.g. baseline successes).
    public let b: Int
    /// Row 2, column 1 (e.g. current errors).
    public let c: Int
    /// Row 2, column 2 (e.g. current successes).
    public let d: Int

    /// Creates the table; undefined if any count is negative.
    public init(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws(StatsUndefined) {
        if let negative = [a, b, c, d].first(where: { $0 < 0 }) {
            throw StatsUndefined(.fisherExact, .negativeCount(negative))
        }
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }
}

/// The result of Fisher's exact test.
public struct FisherExactResult: Sendable, Equatable {
    /// The sample odds ratio ad/(bc) (+∞ when bc = 0); nil when a row or column is empty.
    public let oddsRatio: Double?
    /// The p-value for the alternative.
    public let pValue: Double
    /// The alternative hypothesis about the odds ratio (`.greater`: above 1).
    public let alternative: Alternative
}

/// Fisher's exact test for a 2×2 table, matching `scipy.stats.fisher_exact(table, alternative)`.
///
/// - Null hypothesis: rows and columns are independent (odds ratio 1), conditioning on all
///   margins, so a follows a hypergeometric distribution.
/// - Why: compares error rates of two runs exactly, even with zero or few errors where a
///   chi-squared test is invalid.
/// - One-sided p-values are hypergeometric tails. Two-sided sums the probabilities of all tables
///   no more likely than the observed one, counting as "equally likely" anything within a
///   relative 1e-14 (scipy's tolerance), found by binary search on the far side of the mode.
/// - A table with an empty row or column has p = 1 and no odds ratio (scipy returns NaN).
/// - Works for counts up to millions: probabilities are computed in log space (Loader's method).
/// - Reference: R. A. Fisher, "Statistical Methods for Research Workers" (1934) §21.02;
///   scipy.stats.fisher_exact.
public func fisherExact(_ table: TwoByTwoTable, options: TestOptions = TestOptions()) -> FisherExactResult {
    let (a, b, c, d) = (table.a, table.b, table.c, table.d)
    if a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0 {
        return FisherExactResult(oddsRatio: nil, pValue: 1, alternative: options.alternative)
    }
    let oddsRatio: Double
    if c > 0 && b > 0 {
        oddsRatio = (Double(a) * Double(d)) / (Double(c) * Double(b))
    } else {
        oddsRatio = .infinity
    }
    let rowOne = a + b
    let rowTwo = c + d
    let distribution = Hypergeometric(good: rowOne, bad: rowTwo, draws: a + c)
    let pValue: Double
    switch options.alternative {
    case .less:
        pValue = distribution.cdf(a)
    case .greater:
        // scipy evaluates this as the lower tail of b in the second column.
        pValue = Hypergeometric(good: rowOne, bad: rowTwo, draws: b + d).cdf(b)
    case .twoSided:
        pValue = FisherTwoSided.pValue(a, distribution)
    }
    return FisherExactResult(oddsRatio: oddsRatio, pValue: min(pValue, 1), alternative: options.alternative)
}

/// scipy's two-sided rule: sum the tables at most (1 + 1e-14) times as likely as the observed.
enum FisherTwoSided {
    /// The two-sided p-value for an observed count `a`.
    static func pValue(_ a: Int, _ distribution: Hypergeometric) -> Double {
        let mode = distribution.mode
        let logExact = distribution.logPMF(a)
        let logMode = distribution.logPMF(mode)
        // Relative tolerance 1e-14 is scipy's `epsilon` in fisher_exact.
        let epsilon = 1e-14
        if abs(1 - Double.exp(logExact - logMode)) <= epsilon { return 1 }
        let threshold = logExact + Double.log(onePlus: epsilon)
        if a < mode {
            let lower = distribution.cdf(a)
            // The last count at or above the mode still at least as likely as the threshold.
            let boundary = lastAtLeast(threshold, from: mode, to: distribution.highest, distribution, increasing: false)
            return lower + distribution.sf(boundary)
        }
        let upper = distribution.sf(a - 1)
        let boundary = lastAtLeast(threshold, from: mode, to: distribution.lowest, distribution, increasing: true)
        return upper + distribution.cdf(boundary - 1)
    }

    /// Walking from the mode towards `end`, the last count whose log-pmf is ≥ threshold (the
    /// pmf falls monotonically that way); binary search in O(log n) pmf evaluations.
    private static func lastAtLeast(
        _ threshold: Double, from mode: Int, to end: Int, _ distribution: Hypergeometric, increasing: Bool
    ) -> Int {
        // `good` is a count known to pass (the mode does), `failing` one past the last that might.
        var passing = mode
        var failing = increasing ? end - 1 : end + 1
        while abs(failing - passing) > 1 {
            let middle = (passing + failing) / 2
            if distribution.logPMF(middle) >= threshold { passing = middle } else { failing = middle }
        }
        return passing
    }
}
