import Stats

/// Other tools' regression rules, re-implemented from their documentation, for comparison.
///
/// Each judges one metric (TTFT of one scenario) and answers whether it raises an alarm.
public enum PeerRules {
    /// github-action-benchmark: alert when the current value is at least `ratio` × the previous
    /// run's value (its `alert-threshold`, e.g. "150%" or "200%"); no statistics.
    public static func ratioAlarm(previous: Double, current: Double, ratio: Double) -> Bool {
        previous > 0 && current / previous >= ratio
    }

    /// benchstat: Mann–Whitney U on the two samples (typically 10 per side), two-sided, α = 0.05;
    /// a change is reported when significant (here: when significant and worse).
    public static func benchstatAlarm(baseline: [Double], current: [Double]) -> Bool {
        guard let test = try? mannWhitneyU(current, baseline, options: TestOptions(alternative: .twoSided)),
            let base = try? Descriptive.median(baseline), let now = try? Descriptive.median(current)
        else { return false }
        return test.pValue < 0.05 && now > base
    }

    /// criterion-style: a bootstrapped t-test (α = 0.05) of the means and a bootstrap interval of
    /// the relative change that lies entirely beyond the 1% noise threshold.
    public static func criterionAlarm(
        baseline: [Double], current: [Double], resamples: Int = 1000,
        using generator: inout SeededGenerator
    ) -> Bool {
        guard baseline.count >= 2, current.count >= 2, let observed = welchStatistic(current, baseline) else { return false }
        let pooled = baseline + current
        var extreme = 0
        var changes: [Double] = []
        changes.reserveCapacity(resamples)
        for _ in 0..<resamples {
            // Under H₀ both samples come from the pooled one (criterion's mixed bootstrap).
            let a = (0..<baseline.count).map { _ in pooled[Int(generator.next() % UInt64(pooled.count))] }
            let b = (0..<current.count).map { _ in pooled[Int(generator.next() % UInt64(pooled.count))] }
            if let t = welchStatistic(b, a), abs(t) >= abs(observed) { extreme += 1 }
            let x = (0..<baseline.count).map { _ in baseline[Int(generator.next() % UInt64(baseline.count))] }
            let y = (0..<current.count).map { _ in current[Int(generator.next() % UInt64(current.count))] }
            changes.append(y.reduce(0, +) / x.reduce(0, +) * Double(x.count) / Double(y.count) - 1)
        }
        changes.sort()
        let pValue = Double(extreme) / Double(resamples)
        let lower = changes[Int(0.025 * Double(resamples))]
        return pValue < 0.05 && lower > 0.01
    }

    /// Welch's t statistic alone (the bootstrap needs no p-value per resample).
    static func welchStatistic(_ a: [Double], _ b: [Double]) -> Double? {
        func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
        }
        let (ma, va) = moments(a)
        let (mb, vb) = moments(b)
        let error = (va / Double(a.count) + vb / Double(b.count)).squareRoot()
        return error > 0 ? (ma - mb) / error : nil
    }

    /// Bencher's t-test threshold: alert when the current value exceeds the upper boundary, the
    /// 0.99 quantile of a t distribution fitted to the history (mean, sample sd, n − 1 df).
    public static func bencherAlarm(history: [Double], current: Double, upperBoundary: Double = 0.99) -> Bool {
        guard history.count >= 2, let mean = try? Descriptive.mean(history),
            let sd = try? Descriptive.standardDeviation(history),
            let t = try? StudentT(degreesOfFreedom: Double(history.count - 1)).quantile(upperBoundary)
        else { return false }
        return current > mean + t * sd
    }
}
