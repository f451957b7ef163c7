/// The observations a histogram gained between two scrapes: cumulative bucket counts, sum and count.
///
/// Quantiles are estimated as PromQL's `histogram_quantile` does: find the bucket the rank falls
/// in and interpolate linearly between its lower and upper bound, assuming observations spread
/// evenly inside it; the lowest bucket starts at 0 (when its bound is positive); a rank in the
/// `+Inf` bucket gives the highest finite bound. The estimate can be off by up to a bucket's width.
public struct HistogramDelta: Sendable, Equatable {
    /// Upper bounds (ascending, `+Inf` last when present) with cumulative counts.
    public var buckets: [(upperBound: Double, count: Double)]
    /// The sum of the observations gained.
    public var sum: Double
    /// How many observations were gained.
    public var count: Double

    /// Creates a delta; buckets are sorted by bound and made monotonic (a later bucket never counts fewer).
    public init(buckets: [(upperBound: Double, count: Double)], sum: Double, count: Double) {
        var sorted = buckets.filter { !$0.upperBound.isNaN && $0.count.isFinite }.sorted { $0.upperBound < $1.upperBound }
        for index in sorted.indices.dropFirst() where sorted[index].count < sorted[index - 1].count {
            sorted[index].count = sorted[index - 1].count
        }
        self.buckets = sorted
        self.sum = sum
        self.count = count
    }

    /// The mean observation, or nil when none was gained.
    public var mean: Double? {
        guard count > 0, sum.isFinite else { return nil }
        return sum / count
    }

    /// The estimated `q`-quantile (0 < q < 1), or nil without observations or without a `+Inf` bucket.
    public func quantile(_ q: Double) -> Double? {
        guard q >= 0, q <= 1, let last = buckets.last, last.upperBound == .infinity, last.count > 0 else { return nil }
        let rank = q * last.count
        guard let index = buckets.firstIndex(where: { $0.count >= rank }) else { return nil }
        if index == buckets.count - 1 {
            // In the +Inf bucket: nothing is known above the highest finite bound.
            return buckets.count >= 2 ? buckets[index - 1].upperBound : nil
        }
        let upper = buckets[index].upperBound
        var lower = 0.0
        var below = 0.0
        if index > 0 {
            lower = buckets[index - 1].upperBound
            below = buckets[index - 1].count
        } else if upper <= 0 {
            return upper
        }
        let inBucket = buckets[index].count - below
        guard inBucket > 0 else { return upper }
        return lower + (upper - lower) * (rank - below) / inBucket
    }

    public static func == (lhs: HistogramDelta, rhs: HistogramDelta) -> Bool {
        lhs.sum == rhs.sum && lhs.count == rhs.count
            && lhs.buckets.elementsEqual(rhs.buckets) { $0.upperBound == $1.upperBound && $0.count == $1.count }
    }
}
