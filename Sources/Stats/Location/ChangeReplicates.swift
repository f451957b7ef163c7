/// The replicates of a bootstrap of a relative change, as they are drawn: what the percentile
/// interval and the one-sided p-values of `quantileChange` and `clusteredChange` are made of.
struct ChangeReplicates {
    /// Every replicate's change, in the order drawn.
    private(set) var changes: [Double] = []
    /// Replicates with no increase (change ≤ 0) and with no decrease (change ≥ 0); ties count in both.
    private var notGreater = 0, notLess = 0

    /// Room for `capacity` replicates.
    init(capacity: Int) { changes.reserveCapacity(capacity) }

    /// The number of replicates drawn.
    var count: Int { changes.count }

    /// Records one replicate.
    mutating func append(_ change: Double) {
        if change <= 0 { notGreater += 1 }
        if change >= 0 { notLess += 1 }
        changes.append(change)
    }

    /// The smaller of the two one-sided p-values so far: whether drawing more could matter.
    var smallerPValue: Double { Double(min(notGreater, notLess) + 1) / Double(count + 1) }

    /// The type-7 percentile interval at `confidence` and the p-values (1 + #{change ≤ 0})/(B + 1)
    /// for "current greater" and (1 + #{change ≥ 0})/(B + 1) for "current less" (Davison &
    /// Hinkley 1997, eq. 4.11).
    func summary(confidence: Double) -> (interval: ConfidenceInterval, greater: Double, less: Double) {
        let sorted = changes.sorted()
        let tail = (1 - confidence) / 2
        let interval = ConfidenceInterval(
            lower: SortedSample.typeSevenQuantile(sorted, tail),
            upper: SortedSample.typeSevenQuantile(sorted, 1 - tail), level: confidence)
        return (interval, Double(notGreater + 1) / Double(count + 1), Double(notLess + 1) / Double(count + 1))
    }
}
