import Stats

/// Realistic shapes of a latency distribution, as seen on LLM endpoints.
public enum LatencyShape: String, Sendable, CaseIterable {
    /// Log-normal, σ = 0.25 on the log scale (a steady endpoint's TTFT).
    case logNormal = "log-normal"
    /// Log-normal body with a Pareto tail: 5% of requests are 1.5–10× slower (α = 1.5).
    case heavyTailed = "heavy-tailed"
    /// Two modes (prefix-cache hit 70% at 1×, miss 30% at 2.2×), each log-normal σ = 0.15.
    case bimodal
    /// Log-normal σ = 0.25 with 1% outliers at 5–20× (retries, GC pauses, cold connections).
    case outliers = "with-outliers"

    /// One latency with median 1 before the caller's scaling.
    public func draw(using generator: inout SeededGenerator) -> Double {
        let z = RandomVariates.standardNormal(using: &generator)
        let u = Double(generator.next() >> 11) / Double(1 << 53)
        switch self {
        case .logNormal:
            return Double.exp(0.25 * z)
        case .heavyTailed:
            let body = Double.exp(0.2 * z)
            // Pareto(α = 1.5) from 1.5×, capped at 10× (a client timeout would cut the rest).
            return u < 0.05 ? body * min(1.5 * Double.pow(1 - Double(generator.next() >> 11) / Double(1 << 53), -1 / 1.5), 10) : body
        case .bimodal:
            return (u < 0.7 ? 1.0 : 2.2) * Double.exp(0.15 * z)
        case .outliers:
            let body = Double.exp(0.25 * z)
            return u < 0.01 ? body * (5 + 15 * Double(generator.next() >> 11) / Double(1 << 53)) : body
        }
    }
}
