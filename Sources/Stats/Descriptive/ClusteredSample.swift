/// Values that come several per independent unit — the inter-chunk gaps of one streamed request —
/// kept with the unit each came from, so that inference can treat the unit, not the value, as
/// the replicate (gaps of one request share its decode speed and are not independent).
public struct ClusteredSample: Sendable, Equatable {
    /// Every value, ascending.
    public let sorted: [Double]
    /// The cluster (0 ..< `clusterCount`, in order of first appearance) of each value of `sorted`.
    let clusterOfValue: [Int32]
    /// How many values each cluster has.
    let clusterSizes: [Int]
    /// The sum of each cluster's values.
    let clusterSums: [Double]

    /// Groups `values` by `clusters` (one label per value; any integers, equal labels = one unit).
    ///
    /// Undefined when the lengths differ, a value is not finite, or there are more than 2³¹ units.
    public init(values: [Double], clusters labels: [Int]) throws(StatsUndefined) {
        guard values.count == labels.count else {
            throw StatsUndefined(.clusteredChange, .lengthMismatch(values.count, labels.count))
        }
        try InputValidation.requireFinite(values, for: .clusteredChange)
        var dense: [Int: Int32] = [:]
        var sizes: [Int] = []
        var sums: [Double] = []
        var clusterOfInput: [Int32] = []
        clusterOfInput.reserveCapacity(values.count)
        for (value, label) in zip(values, labels) {
            let cluster: Int32
            if let known = dense[label] {
                cluster = known
            } else {
                guard sizes.count < Int(Int32.max) else {
                    throw StatsUndefined(.clusteredChange, .invalidArgument(argument: "number of clusters", value: Double(sizes.count)))
                }
                cluster = Int32(sizes.count)
                dense[label] = cluster
                sizes.append(0)
                sums.append(0)
            }
            sizes[Int(cluster)] += 1
            sums[Int(cluster)] += value
            clusterOfInput.append(cluster)
        }
        let order = values.indices.sorted { values[$0] < values[$1] }
        sorted = order.map { values[$0] }
        clusterOfValue = order.map { clusterOfInput[$0] }
        clusterSizes = sizes
        clusterSums = sums
    }

    /// The number of values.
    public var count: Int { sorted.count }

    /// The number of units (clusters).
    public var clusterCount: Int { clusterSizes.count }

    /// The mean of each unit's values, in order of first appearance: one summary per request,
    /// the independent observations that rank and t-tests may use.
    public var clusterMeans: [Double] {
        zip(clusterSums, clusterSizes).map { sum, size in sum / Double(size) }
    }

    /// The type-7 quantile of the values when unit c is counted `weights[c]` times: the pooled
    /// quantile of a cluster-bootstrap resample, found by one partial scan of the sorted values
    /// from the nearer end (no resample is built). `weights` has one entry per cluster; at least
    /// one value must have positive weight.
    func weightedQuantile(_ probability: Double, weights: [Int32]) -> Double {
        var total = 0
        for (cluster, weight) in weights.enumerated() where weight > 0 { total += Int(weight) * clusterSizes[cluster] }
        let position = Double(total - 1) * probability
        let below = min(Int(position.rounded(.down)), total - 1)
        let fraction = position - Double(below)
        let above = min(below + 1, total - 1)
        let lower: Double, upper: Double
        if probability <= 0.5 {
            (lower, upper) = orderStatistics(below, above, weights: weights, fromTop: false)
        } else {
            // Ranks counted from the top: the upper one comes first.
            let (high, low) = orderStatistics(total - 1 - above, total - 1 - below, weights: weights, fromTop: true)
            (lower, upper) = (low, high)
        }
        return fraction > 0 ? SortedSample.interpolate(lower, upper, fraction) : lower
    }

    /// The values at 0-based ranks `first` ≤ `second` of the weighted sample, counted from the
    /// bottom (or from the top when `fromTop`).
    private func orderStatistics(_ first: Int, _ second: Int, weights: [Int32], fromTop: Bool) -> (Double, Double) {
        var seen = 0
        var firstValue: Double?
        let count = sorted.count
        for step in 0..<count {
            let index = fromTop ? count - 1 - step : step
            let weight = Int(weights[Int(clusterOfValue[index])])
            guard weight > 0 else { continue }
            seen += weight
            if firstValue == nil, seen > first { firstValue = sorted[index] }
            if seen > second { return (firstValue ?? sorted[index], sorted[index]) }
        }
        let last = fromTop ? sorted.first ?? 0 : sorted.last ?? 0
        return (firstValue ?? last, last)
    }

    /// The mean of the values when unit c is counted `weights[c]` times.
    func weightedMean(weights: [Int32]) -> Double {
        var sum = 0.0
        var total = 0
        for (cluster, weight) in weights.enumerated() where weight > 0 {
            sum += Double(weight) * clusterSums[cluster]
            total += Int(weight) * clusterSizes[cluster]
        }
        return sum / Double(total)
    }
}
