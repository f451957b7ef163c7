import LensCore
import Stats

/// The samples of one metric of an interleaved pair, grouped by randomized block, for the blocked
/// (van Elteren) rank test: ranking within blocks removes drift of the endpoint between blocks.
struct BlockedSamples {
    /// Per block: the candidate's and the baseline's samples.
    let strata: [(first: [Double], second: [Double])]

    /// Groups the metric's samples by block; nil unless both sides carry labels for it. A metric
    /// that comes several per request is ranked as one mean per request (in its request's block),
    /// and needs request labels too.
    init?(current: ScenarioData, baseline: ScenarioData, metric: Metric) {
        guard let currentSide = Self.labelled(current.scenario, metric), let baselineSide = Self.labelled(baseline.scenario, metric)
        else { return nil }
        var groups: [Int: (first: [Double], second: [Double])] = [:]
        for (value, block) in currentSide { groups[block, default: ([], [])].first.append(value) }
        for (value, block) in baselineSide { groups[block, default: ([], [])].second.append(value) }
        strata = groups.keys.sorted().compactMap { groups[$0] }
    }

    /// Each observation of one side with its block: every sample, or one mean per request.
    private static func labelled(_ scenario: ScenarioResult, _ metric: Metric) -> [(value: Double, block: Int)]? {
        guard let values = scenario.samples[metric], let blocks = scenario.sampleBlocks?[metric], blocks.count == values.count
        else { return nil }
        guard metric.isClusteredByRequest else { return Array(zip(values, blocks)) }
        guard let requests = scenario.sampleRequests?[metric], requests.count == values.count else { return nil }
        var order: [Int] = []
        var sums: [Int: (sum: Double, count: Int, block: Int)] = [:]
        for (index, request) in requests.enumerated() {
            if sums[request] == nil { order.append(request) }
            sums[request, default: (0, 0, blocks[index])].sum += values[index]
            sums[request, default: (0, 0, blocks[index])].count += 1
        }
        return order.compactMap { request in sums[request].map { ($0.sum / Double($0.count), $0.block) } }
    }

    /// The blocked test's p-values: greater (candidate larger), less, two-sided.
    func tails() throws(StatsUndefined) -> MetricAnalysis.Tails {
        let result = try vanElterenTest(strata, options: TestOptions(alternative: .greater))
        return MetricAnalysis.Tails(
            greater: result.pValue, less: Normal.pValue(z: result.z, alternative: .less),
            twoSided: Normal.pValue(z: result.z, alternative: .twoSided))
    }
}
