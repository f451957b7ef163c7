import LensCore
import Stats

/// A positive sample on the log scale, built once per metric so that its statistics' within-run
/// errors (for the history summary or the current run) share one transform.
struct LogSample {
    /// The logs, in order (the log is increasing, so sorted values give sorted logs).
    let logs: SortedSample
    /// Their standard deviation.
    let standardDeviation: Double?

    /// The logs of `sorted`; nil unless it has at least 2 values, all positive.
    init?(_ sorted: SortedSample) {
        guard sorted.count >= 2, (sorted.values.first ?? 0) > 0,
            let logs = try? SortedSample(alreadySorted: sorted.values.map { Double.log($0) })
        else { return nil }
        self.logs = logs
        standardDeviation = try? Descriptive.standardDeviation(logs.values)
    }

    /// The distribution-free (Maritz–Jarrett) standard error of the log of the q-quantile.
    func quantileError(_ probability: Double) -> Double? {
        try? logs.maritzJarrettStandardError(probability)
    }
}
