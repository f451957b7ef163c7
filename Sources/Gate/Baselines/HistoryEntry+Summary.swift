import LensCore
import Stats

extension MetricSummary {
    /// Summarizes sorted samples (per-request metrics).
    init?(sorted: SortedSample) {
        guard sorted.count > 0, let mean = try? Descriptive.mean(sorted.values) else { return nil }
        let positive = (sorted.values.first ?? 0) > 0
        let logSample = LogSample(sorted)
        var errors: [Double: Double] = [:]
        for probability in Self.quantileProbabilities {
            errors[probability] = logSample?.quantileError(probability)
        }
        self.init(
            count: sorted.count, mean: mean,
            geometricMean: positive ? try? Descriptive.geometricMean(sorted.values) : nil,
            p50: try? sorted.quantile(0.5), p90: try? sorted.quantile(0.9), p95: try? sorted.quantile(0.95),
            p99: try? sorted.quantile(0.99), logStandardDeviation: logSample?.standardDeviation, quantileLogErrors: errors)
    }
}

extension HistoryEntry {
    /// The history line of a run: every metric of every scenario, summarized.
    public init(summarizing results: Results) {
        var scenarios: [String: [Metric: MetricSummary]] = [:]
        for scenario in results.scenarios {
            var metrics: [Metric: MetricSummary] = [:]
            for metric in scenario.availableMetrics {
                if metric.granularity == .perScenario {
                    if let value = scenario.scenarioValue(metric) {
                        metrics[metric] = MetricSummary(count: scenario.counts?.requests ?? 1, mean: value)
                    }
                } else if let values = scenario.samples[metric], let sorted = try? SortedSample(values),
                    let summary = MetricSummary(sorted: sorted)
                {
                    metrics[metric] = summary
                }
            }
            scenarios[scenario.name] = metrics
        }
        self.init(
            recordedAt: results.run.startedAt, commit: results.run.git?.commit,
            configDigest: results.run.configFingerprint, toolVersion: results.run.toolVersion,
            hardwareTag: results.run.host?.hardwareTag, scenarios: scenarios)
        metrics = results.metrics
    }
}
