import LensCore
import Stats

/// One side (baseline or current) of a scenario, with each metric's samples sorted once.
///
/// Every statistic (quantiles, means) and every test reads the same sorted arrays, so a scenario
/// with a million samples per metric is sorted exactly once per side.
struct ScenarioData: Sendable {
    /// The scenario as loaded.
    let scenario: ScenarioResult
    /// Sorted per-request samples by metric (results files are validated finite, so sorting cannot fail).
    let sorted: [Metric: SortedSample]

    init(_ scenario: ScenarioResult) {
        self.scenario = scenario
        var sorted: [Metric: SortedSample] = [:]
        for metric in scenario.samples.metrics {
            if let values = scenario.samples[metric], let sample = try? SortedSample(values) { sorted[metric] = sample }
        }
        self.sorted = sorted
    }

    /// Whether a metric can be judged on this side.
    func has(_ metric: Metric) -> Bool {
        metric.granularity == .perRequest ? (sorted[metric]?.count ?? 0) > 0 : scenario.scenarioValue(metric) != nil
    }

    /// The number of observations behind a metric (requests for per-scenario metrics).
    func count(_ metric: Metric) -> Int {
        metric.granularity == .perRequest ? (sorted[metric]?.count ?? 0) : (scenario.counts?.requests ?? 1)
    }
}
