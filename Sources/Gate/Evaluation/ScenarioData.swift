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

    /// Prepares many scenarios, sorting every metric's samples in parallel.
    static func prepare(_ scenarios: [ScenarioResult]) -> [ScenarioData] {
        let work = scenarios.enumerated().flatMap { index, scenario in
            scenario.samples.metrics.map { (index, $0, scenario.samples[$0] ?? []) }
        }
        let sortedSamples = ParallelMap.map(work) { item in try? SortedSample(item.2) }
        var tables = Array(repeating: [Metric: SortedSample](), count: scenarios.count)
        for (item, sample) in zip(work, sortedSamples) {
            if let sample { tables[item.0][item.1] = sample }
        }
        return zip(scenarios, tables).map { ScenarioData(scenario: $0, sorted: $1) }
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
