import LensCore

/// One side (baseline or current) of a scenario, with each metric's samples sorted once.
///
/// Every statistic (quantiles, means) and every test reads the same sorted arrays, so a scenario
/// with a million samples per metric is sorted exactly once per side.
struct ScenarioData: Sendable {
    /// The scenario as loaded.
    let scenario: ScenarioResult
    /// Sorted per-request samples by metric.
    let sorted: [Metric: [Double]]

    init(_ scenario: ScenarioResult) {
        self.scenario = scenario
        var sorted: [Metric: [Double]] = [:]
        for metric in scenario.samples.metrics {
            sorted[metric] = scenario.samples[metric]?.sorted()
        }
        self.sorted = sorted
    }

    /// Whether a metric can be judged on this side.
    func has(_ metric: Metric) -> Bool {
        metric.granularity == .perRequest ? !(sorted[metric]?.isEmpty ?? true) : scenario.scenarioValue(metric) != nil
    }

    /// The number of observations behind a metric (requests for per-scenario metrics).
    func count(_ metric: Metric) -> Int {
        metric.granularity == .perRequest ? (sorted[metric]?.count ?? 0) : (scenario.counts?.requests ?? 1)
    }
}
