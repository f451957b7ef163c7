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
        (sorted, clusterOfValue) = RadixSort.sorted(values, carrying: clusterOfInput)
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

    /// A place to start scanning for a weighted quantile: a position in `sorted` and how many
    /// values of each cluster lie before it, so that a replicate's count below it costs one pass
    /// over the clusters instead of one over the values.
    struct ScanStart {
        /// The position in `sorted`.
        let index: Int
        /// Per cluster, its values among `sorted[..<index]`.
        let before: [Int32]
    }

    /// The scan start at `index` (clamped to the sample).
    func scanStart(at index: Int) -> ScanStart {
        let index = Swift.max(0, Swift.min(index, sorted.count))
        var before = [Int32](repeating: 0, count: clusterCount)
        for position in 0..<index { before[Int(clusterOfValue[position])] += 1 }
        return ScanStart(index: index, before: before)
    }

    /// The type-7 quantile of the values when unit c is counted `weights[c]` times: the pooled
    /// quantile of a cluster-bootstrap resample, found by a partial scan of the sorted values (no
    /// resample is built) — from `start` when the quantile lies above it, else from the nearer
    /// end. Also returns the position of the lower order statistic. `weights` has one entry per
    /// cluster; at least one value must have positive weight.
    func weightedQuantile(_ probability: Double, weights: [Int32], from start: ScanStart? = nil) -> (value: Double, index: Int) {
        var total = 0
        for (cluster, weight) in weights.enumerated() where weight > 0 { total += Int(weight) * clusterSizes[cluster] }
        let position = Double(total - 1) * probability
        let below = Swift.min(Int(position.rounded(.down)), total - 1)
        let fraction = position - Double(below)
        let above = Swift.min(below + 1, total - 1)
        var found: (lower: Double, upper: Double, index: Int)?
        if let start {
            var seenBefore = 0
            for (cluster, count) in start.before.enumerated() where count > 0 { seenBefore += Int(weights[cluster]) * Int(count) }
            if seenBefore <= below { found = scanUp(from: start.index, seen: seenBefore, below, above, weights: weights) }
        }
        if found == nil {
            if probability <= 0.5 {
                found = scanUp(from: 0, seen: 0, below, above, weights: weights)
            } else {
                found = scanDown(total - 1 - above, total - 1 - below, weights: weights)
            }
        }
        guard let found else { return (sorted.last ?? 0, sorted.count - 1) }
        return (fraction > 0 ? SortedSample.interpolate(found.lower, found.upper, fraction) : found.lower, found.index)
    }

    /// The values at weighted ranks `first` ≤ `second` (0-based, from the bottom), scanning up from
    /// `index` with `seen` weighted values already below it.
    private func scanUp(from index: Int, seen: Int, _ first: Int, _ second: Int, weights: [Int32]) -> (
        lower: Double, upper: Double, index: Int
    )? {
        sorted.withUnsafeBufferPointer { values in
            clusterOfValue.withUnsafeBufferPointer { clusters in
                weights.withUnsafeBufferPointer { weights in
                    var seen = seen
                    var lower: (value: Double, index: Int)?
                    var position = index
                    while position < values.count {
                        let weight = Int(weights[Int(clusters[position])])
                        if weight > 0 {
                            seen += weight
                            if lower == nil, seen > first { lower = (values[position], position) }
                            if seen > second, let lower { return (lower.value, values[position], lower.index) }
                        }
                        position += 1
                    }
                    return nil
                }
            }
        }
    }

    /// The values at weighted ranks counted from the top: `fromTopUpper` ≤ `fromTopLower`;
    /// returns them in ascending order, with the position of the lower one.
    private func scanDown(_ fromTopUpper: Int, _ fromTopLower: Int, weights: [Int32]) -> (lower: Double, upper: Double, index: Int)? {
        sorted.withUnsafeBufferPointer { values in
            clusterOfValue.withUnsafeBufferPointer { clusters in
                weights.withUnsafeBufferPointer { weights in
                    var seen = 0
                    var upper: Double?
                    var position = values.count - 1
                    while position >= 0 {
                        let weight = Int(weights[Int(clusters[position])])
                        if weight > 0 {
                            seen += weight
                            if upper == nil, seen > fromTopUpper { upper = values[position] }
                            if seen > fromTopLower, let upper { return (values[position], upper, position) }
                        }
                        position -= 1
                    }
                    return nil
                }
            }
        }
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
