import LensCore
import Stats

/// The samples of one metric of an interleaved pair, grouped by randomized block, for the blocked
/// (van Elteren) rank test: ranking within blocks removes drift of the endpoint between blocks.
struct BlockedSamples {
    /// Per block: the candidate's and the baseline's samples.
    let strata: [(first: [Double], second: [Double])]

    /// Groups the metric's samples by block; nil unless both sides carry labels for it.
    init?(current: ScenarioData, baseline: ScenarioData, metric: Metric) {
        guard let currentValues = current.scenario.samples[metric], let baselineValues = baseline.scenario.samples[metric],
              let currentBlocks = current.scenario.sampleBlocks?[metric], let baselineBlocks = baseline.scenario.sampleBlocks?[metric],
              currentBlocks.count == currentValues.count, baselineBlocks.count == baselineValues.count else { return nil }
        var groups: [Int: (first: [Double], second: [Double])] = [:]
        for (value, block) in zip(currentValues, currentBlocks) { groups[block, default: ([], [])].first.append(value) }
        for (value, block) in zip(baselineValues, baselineBlocks) { groups[block, default: ([], [])].second.append(value) }
        strata = groups.keys.sorted().compactMap { groups[$0] }
    }

    /// The blocked test's p-values: greater (candidate larger), less, two-sided.
    func tails() throws(StatsUndefined) -> MetricAnalysis.Tails {
        let result = try vanElterenTest(strata, options: TestOptions(alternative: .greater))
        return MetricAnalysis.Tails(greater: result.pValue, less: Normal.pValue(z: result.z, alternative: .less),
                                    twoSided: Normal.pValue(z: result.z, alternative: .twoSided))
    }
}
