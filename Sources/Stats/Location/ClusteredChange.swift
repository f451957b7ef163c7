import RealModule

/// A statistic of clustered values that the cluster bootstrap can recompute from unit weights.
public enum ClusteredStatistic: Sendable, Equatable {
    /// The type-7 quantile of all values pooled (0.5 for the median, 0.95 for p95).
    case quantile(Double)
    /// The mean of all values pooled.
    case mean
}

/// The relative change of a statistic of clustered values, with a cluster-bootstrap interval and
/// one-sided p-values.
public struct ClusteredChange: Sendable, Equatable {
    /// The statistic compared.
    public let statistic: ClusteredStatistic
    /// The statistic of the baseline's pooled values.
    public let baselineValue: Double
    /// The statistic of the current side's pooled values.
    public let currentValue: Double
    /// currentValue / baselineValue − 1.
    public let estimate: Double
    /// The percentile interval of the relative change over the replicates.
    public let confidenceInterval: ConfidenceInterval
    /// (1 + #{replicates with change ≤ 0}) / (B + 1): small when the current statistic is larger.
    public let pValueCurrentGreater: Double
    /// (1 + #{replicates with change ≥ 0}) / (B + 1): small when the current statistic is smaller.
    public let pValueCurrentLess: Double
    /// The number of replicates B drawn.
    public let resamples: Int
    /// The seed that makes the result reproducible.
    public let seed: UInt64
}

/// The relative change of a pooled statistic of clustered values (current/baseline − 1), with
/// a bootstrap that resamples **clusters**, not values.
///
/// - Each replicate draws, on each side independently, as many clusters as it has, with
///   replacement, pools their values and recomputes the statistic (the cluster, or "case"
///   bootstrap: Davison & Hinkley, "Bootstrap Methods and their Application" (1997) §3.8; Field &
///   Welsh, "Bootstrapping clustered data", JRSS B 69 (2007) 369–390). Values of one cluster stay
///   together, so the spread between clusters — a request's own decode speed — is in every
///   replicate, and the interval is as wide as the number of clusters warrants, not the number
///   of values.
/// - No resample is built: a replicate is a weight per cluster, and the pooled quantile is found
///   by a partial scan of the sorted values; the mean from cluster sums. The first 24 replicates
///   scan from the nearer end and show where replicate quantiles fall; the rest start a little
///   below the lowest of those (three times their range further down), counting the values
///   below that start from per-cluster counts, and fall back to the full scan in the rare
///   replicate whose quantile lies lower — the result is exact either way, only faster.
/// - The interval is the type-7 percentile interval of the replicates; the p-values are
///   (1 + #{change* ≤ 0})/(B + 1) and its mirror, as for `quantileChange`.
/// - Sequential: with `extending`, replicates past `resamples` are drawn only while a p-value is
///   below the extension's level, and never more than about 10⁹ value visits in all (then the
///   p-value's floor 1/(B + 1) is the price of size, and errs on the side of no alarm).
/// - Many clusters: with at least `normalFrom` clusters on each side the change of the log is
///   close to normal (a mean over many independent clusters), so 200 replicates estimate its
///   standard error and the interval and p-values are normal ones on the log scale, exp(ℓ ± z·se)
///   − 1 and Φ(∓ℓ/se) (Davison & Hinkley 1997 §5.2, the normal approximation with a bootstrap
///   variance): a million gaps of 20,000 requests then cost a fraction of a second, where
///   percentile replicates to the corrected level would take tens of seconds.
/// - Undefined unless each side has at least 2 clusters, the baseline statistic and that of every
///   baseline replicate are positive, the probability is in [0, 1], the level in (0, 1) and
///   resamples ≥ 1.
public func clusteredChange(
    baseline: ClusteredSample, current: ClusteredSample, statistic: ClusteredStatistic,
    confidence: Double = 0.95, resamples: Int = 2000, extending: ResampleExtension? = nil, seed: UInt64 = 0,
    normalFrom: Int = 1000
) throws(StatsUndefined) -> ClusteredChange {
    let procedure = Procedure.clusteredChange
    if case .quantile(let probability) = statistic, !(0...1).contains(probability) {
        throw StatsUndefined(procedure, .invalidProbability(probability))
    }
    guard confidence > 0, confidence < 1 else { throw StatsUndefined(procedure, .invalidConfidenceLevel(confidence)) }
    guard resamples >= 1 else {
        throw StatsUndefined(procedure, .invalidArgument(argument: "number of resamples", value: Double(resamples)))
    }
    try InputValidation.requireCounts(baseline.clusterCount, current.clusterCount, atLeast: 2, for: procedure)
    /// Where each side's replicate quantiles are scanned from, once the pilot replicates show it.
    var starts: (baseline: ClusteredSample.ScanStart?, current: ClusteredSample.ScanStart?) = (nil, nil)
    var pilotIndices: (baseline: [Int], current: [Int]) = ([], [])
    let pilot = 24
    func value(_ sample: ClusteredSample, _ weights: [Int32], start: ClusteredSample.ScanStart? = nil) -> (Double, Int) {
        switch statistic {
        case .quantile(let probability): sample.weightedQuantile(probability, weights: weights, from: start)
        case .mean: (sample.weightedMean(weights: weights), 0)
        }
    }
    func scanStart(_ sample: ClusteredSample, _ indices: [Int]) -> ClusteredSample.ScanStart? {
        guard case .quantile = statistic, let low = indices.min(), let high = indices.max() else { return nil }
        return sample.scanStart(at: low - 3 * (high - low) - 1)
    }
    let baselineValue = value(baseline, Array(repeating: 1, count: baseline.clusterCount)).0
    guard baselineValue > 0 else { throw StatsUndefined(procedure, .nonPositiveValue(baselineValue)) }
    let currentValue = value(current, Array(repeating: 1, count: current.clusterCount)).0

    var generator = SeededGenerator(seed: seed)
    var baseWeights = [Int32](repeating: 0, count: baseline.clusterCount)
    var nowWeights = [Int32](repeating: 0, count: current.clusterCount)
    func redraw(_ weights: inout [Int32]) {
        for index in weights.indices { weights[index] = 0 }
        let clusters = weights.count
        for _ in 0..<clusters { weights[Int.random(in: 0..<clusters, using: &generator)] += 1 }
    }
    var replicates = ChangeReplicates(capacity: resamples)
    func draw(until count: Int) throws(StatsUndefined) {
        while replicates.count < count {
            redraw(&baseWeights)
            let (base, baseIndex) = value(baseline, baseWeights, start: starts.baseline)
            guard base > 0 else { throw StatsUndefined(procedure, .nonPositiveValue(base)) }
            redraw(&nowWeights)
            let (now, nowIndex) = value(current, nowWeights, start: starts.current)
            let change = now / base - 1
            if replicates.count < pilot {
                pilotIndices.baseline.append(baseIndex)
                pilotIndices.current.append(nowIndex)
                if replicates.count == pilot - 1 {
                    starts = (scanStart(baseline, pilotIndices.baseline), scanStart(current, pilotIndices.current))
                }
            }
            replicates.append(change)
        }
    }
    if min(baseline.clusterCount, current.clusterCount) >= normalFrom, currentValue > 0 {
        try draw(until: min(resamples, 200))
        let logs = replicates.changes.compactMap { $0 > -1 ? Double.log(onePlus: $0) : nil }
        let estimate = Double.log(currentValue / baselineValue)
        if logs.count == replicates.count, logs.count >= 2, let spread = try? Descriptive.standardDeviation(logs), spread > 0,
            let z = try? Normal.quantile(1 - (1 - confidence) / 2)
        {
            return ClusteredChange(
                statistic: statistic, baselineValue: baselineValue, currentValue: currentValue,
                estimate: currentValue / baselineValue - 1,
                confidenceInterval: ConfidenceInterval(
                    lower: Double.expMinusOne(estimate - z * spread),
                    upper: Double.expMinusOne(estimate + z * spread), level: confidence),
                pValueCurrentGreater: Normal.sf(estimate / spread), pValueCurrentLess: Normal.cdf(estimate / spread),
                resamples: replicates.count, seed: seed)
        }
    }
    try draw(until: resamples)
    if let extending, extending.maximum > resamples,
        replicates.smallerPValue < extending.whilePValueBelow
    {
        // Visits per replicate: the clusters drawn and counted, plus the scanned stretch of the values.
        var visits = 2 * Double(baseline.clusterCount + current.clusterCount)
        if case .quantile(let probability) = statistic {
            let scanned = { (sample: ClusteredSample, start: ClusteredSample.ScanStart?) -> Double in
                let full = Double(sample.count) * min(probability, 1 - probability)
                guard let start else { return full }
                return min(full, Double(sample.count) * probability - Double(start.index))
            }
            visits += scanned(baseline, starts.baseline) + scanned(current, starts.current)
        }
        let affordable = Int(min(1e9 / max(visits, 1), Double(Int32.max)))
        try draw(until: max(resamples, min(extending.maximum, affordable)))
    }
    let summary = replicates.summary(confidence: confidence)
    return ClusteredChange(
        statistic: statistic, baselineValue: baselineValue, currentValue: currentValue,
        estimate: currentValue / baselineValue - 1, confidenceInterval: summary.interval,
        pValueCurrentGreater: summary.greater, pValueCurrentLess: summary.less,
        resamples: replicates.count, seed: seed)
}
