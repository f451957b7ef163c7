/// Average-rank summary of two sorted samples pooled together, in one O(m + n) merge.
///
/// Equivalent to scipy's `rankdata(method='average')` over the concatenation followed by a sum
/// of the first sample's ranks, without building or sorting the pooled array.
struct RankSummary: Equatable {
    /// Sum of the (average) ranks of the first sample, R₁.
    let firstRankSum: Double
    /// Σ (t³ − t) over groups of tied values, for the tie-corrected variance.
    let tieTerm: Double
    /// Whether any value occurs more than once in the pooled sample.
    let hasTies: Bool
    /// Whether every pooled value is the same.
    let allTied: Bool

    /// Summarizes two ascending arrays.
    init(sortedFirst first: [Double], sortedSecond second: [Double]) {
        var rankSum = 0.0
        var tieTerm = 0.0
        var groups = 0
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                var i = 0
                var j = 0
                var ranksBefore = 0
                while i < a.count || j < b.count {
                    let value = j >= b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
                    let startI = i
                    let startJ = j
                    while i < a.count, a[i] == value { i += 1 }
                    while j < b.count, b[j] == value { j += 1 }
                    let inFirst = i - startI
                    let size = inFirst + (j - startJ)
                    // Ranks ranksBefore+1 … ranksBefore+size share their average.
                    let averageRank = Double(ranksBefore) + Double(size + 1) / 2
                    rankSum += Double(inFirst) * averageRank
                    if size > 1 {
                        let t = Double(size)
                        tieTerm += t * t * t - t
                    }
                    ranksBefore += size
                    groups += 1
                }
            }
        }
        firstRankSum = rankSum
        self.tieTerm = tieTerm
        hasTies = groups < first.count + second.count
        allTied = groups == 1
    }
}
