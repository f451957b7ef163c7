import LensCore
import Stats

/// Builders of realistic results for gate tests, repeatable by seed.
enum Samples {
    /// Log-normal latencies around `median` ms (σ = 0.25 on the log scale, typical of TTFT).
    static func logNormal(_ count: Int, median: Double, sigma: Double = 0.25, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (median * Double.exp(sigma * RandomVariates.standardNormal(using: &generator)) * 1000).rounded() / 1000
        }
    }

    /// A scenario with TTFT and e2e samples and complete counts.
    static func scenario(
        _ name: String = "chat", count: Int = 200, ttftMedian: Double = 120, seed: UInt64 = 1,
        failed: Int = 0, duration: Double = 20
    ) -> ScenarioResult {
        var samples = MetricSamples()
        samples[.ttftMs] = logNormal(count, median: ttftMedian, seed: seed)
        samples[.e2eMs] = logNormal(count, median: ttftMedian * 8, sigma: 0.1, seed: seed &+ 1000)
        return ScenarioResult(
            name: name, samples: samples,
            counts: RequestCounts(
                requests: count + failed, succeeded: count, failed: failed,
                errors: failed > 0 ? [.http5xx: failed] : [:]),
            totals: ScenarioTotals(durationSeconds: duration, outputTokens: count * 64))
    }

    static func results(_ scenarios: ScenarioResult...) -> Results { Results(scenarios: scenarios) }

    /// The same scenario with every TTFT sample scaled by `factor`.
    static func scaled(_ scenario: ScenarioResult, ttft factor: Double) -> ScenarioResult {
        var copy = scenario
        copy.samples[.ttftMs] = scenario.samples[.ttftMs]?.map { $0 * factor }
        return copy
    }
}
