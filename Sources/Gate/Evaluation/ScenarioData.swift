import LensCore
import Stats

/// One side (baseline or current) of a scenario, with each metric's samples sorted once.
///
/// Every statistic (quantiles, means) and every test reads the same sorted arrays, so a scenario
/// with a million samples per metric is sorted exactly once per side. A metric that comes several
/// per request (`itl_ms`) and carries request labels is also kept grouped by request: the request
/// is the unit of replication, so its tests read one mean per request and its intervals resample
/// requests.
struct ScenarioData: Sendable {
    /// The scenario as loaded.
    let scenario: ScenarioResult
    /// Sorted per-request samples by metric (results files are validated finite, so sorting cannot fail).
    let sorted: [Metric: SortedSample]
    /// The samples of request-clustered metrics grouped by request, where the file labels them.
    let clustered: [Metric: ClusteredSample]
    /// One mean per request of each request-clustered metric, sorted: what its tests compare.
    let requestMeans: [Metric: SortedSample]

    /// Prepares many scenarios, sorting every metric's samples (and grouping clustered ones) in parallel.
    static func prepare(_ scenarios: [ScenarioResult]) -> [ScenarioData] {
        let work = scenarios.enumerated().flatMap { index, scenario in
            scenario.samples.metrics.map { (index, $0, scenario.samples[$0] ?? []) }
        }
        let prepared = ParallelMap.map(work) { item -> (SortedSample?, ClusteredSample?, SortedSample?) in
            guard item.1.isClusteredByRequest, let labels = scenarios[item.0].sampleRequests?[item.1],
                let grouped = try? ClusteredSample(values: item.2, clusters: labels)
            else { return (try? SortedSample(item.2), nil, nil) }
            // Grouping sorted the values already.
            return (try? SortedSample(alreadySorted: grouped.sorted), grouped, try? SortedSample(grouped.clusterMeans))
        }
        var tables = Array(
            repeating: ([Metric: SortedSample](), [Metric: ClusteredSample](), [Metric: SortedSample]()),
            count: scenarios.count)
        for (item, (sorted, grouped, means)) in zip(work, prepared) {
            if let sorted { tables[item.0].0[item.1] = sorted }
            if let grouped, let means {
                tables[item.0].1[item.1] = grouped
                tables[item.0].2[item.1] = means
            }
        }
        return zip(scenarios, tables).map {
            ScenarioData(scenario: $0, sorted: $1.0, clustered: $1.1, requestMeans: $1.2)
        }
    }

    /// Whether a metric can be judged on this side.
    func has(_ metric: Metric) -> Bool {
        metric.granularity == .perRequest ? (sorted[metric]?.count ?? 0) > 0 : scenario.scenarioValue(metric) != nil
    }

    /// The independent observations behind a metric: requests for per-scenario metrics and for
    /// request-clustered ones with labels, samples otherwise.
    func count(_ metric: Metric) -> Int {
        guard metric.granularity == .perRequest else { return scenario.counts?.requests ?? 1 }
        return clustered[metric]?.clusterCount ?? sorted[metric]?.count ?? 0
    }

    /// The sample the metric's tests compare: one mean per request for a request-clustered
    /// metric (nil when its requests are unknown: its samples are not independent), else every sample.
    func testedSample(_ metric: Metric) -> SortedSample? {
        metric.isClusteredByRequest ? requestMeans[metric] : sorted[metric]
    }
}
