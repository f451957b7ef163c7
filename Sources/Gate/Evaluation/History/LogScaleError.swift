import LensCore
import Stats

/// Within-run sampling error of a statistic on the log scale, from the sample's log standard
/// deviation and size — what a history entry keeps, so the same formula serves both sides.
///
/// Latencies are close to log-normal, so on the log scale quantiles behave like those of a
/// normal sample: the asymptotic standard error of the q-quantile is σ·√(q(1−q)) / (φ(Φ⁻¹(q))·√n)
/// (e.g. 1.2533·σ/√n for the median; Cramér 1946 §28.5); a geometric mean (mean of logs) has σ/√n;
/// an arithmetic mean of a log-normal has coefficient of variation √(exp(σ²)−1), hence that over √n.
enum LogScaleError {
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
