import LensCore
import Stats

/// Within-run sampling error of a statistic on the log scale, from what a history entry keeps,
/// so the same estimate serves the history runs and the current run.
///
/// A quantile's error is its Maritz–Jarrett estimate when the summary has one: distribution-free,
/// so a bimodal latency (cache hits and misses) is not judged by its overall spread. Otherwise,
/// as for history lines written before those estimates were kept, latencies are taken as close
/// to log-normal, so on the log scale quantiles behave like those of a normal sample: the
/// asymptotic standard error of the q-quantile is σ·√(q(1−q)) / (φ(Φ⁻¹(q))·√n) (e.g. 1.2533·σ/√n
/// for the median; Cramér 1946 §28.5). A geometric mean (mean of logs) has σ/√n; an arithmetic
/// mean of a log-normal has coefficient of variation √(exp(σ²)−1), hence that over √n.
enum LogScaleError {
    /// The error of `statistic` in a run summarized by `summary` (nil when it cannot be told).
    static func of(_ statistic: Statistic, in summary: MetricSummary) -> Double? {
        if case .quantile(let q) = statistic, let error = summary.quantileLogErrors[q] { return error }
        return summary.logStandardDeviation.flatMap { of(statistic, logStandardDeviation: $0, count: summary.count) }
    }

    /// The error of `statistic` in a run's samples, estimated as a summary of them would be.
    static func of(_ statistic: Statistic, in sample: LogSample) -> Double? {
        if case .quantile(let q) = statistic, MetricSummary.quantileProbabilities.contains(q),
            let error = sample.quantileError(q)
        {
            return error
        }
        return sample.standardDeviation.flatMap { of(statistic, logStandardDeviation: $0, count: sample.logs.count) }
    }

    static func of(_ statistic: Statistic, logStandardDeviation sigma: Double, count n: Int) -> Double? {
        guard n >= 2, sigma.isFinite, sigma >= 0 else { return nil }
        let root = Double(n).squareRoot()
        switch statistic {
        case .quantile(let q):
            guard q > 0, q < 1, let z = try? Normal.quantile(q) else { return nil }
            return sigma * (q * (1 - q)).squareRoot() / (Normal.pdf(z) * root)
        case .geometricMean:
            return sigma / root
        case .mean:
            return (Double.exp(sigma * sigma) - 1).squareRoot() / root
        case .min, .max, .value:
            return nil
        }
    }
}
