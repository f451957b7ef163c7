import LensCore

/// The first stage of an evaluation: every scenario of the run beside its baseline side (matched
/// by name), each side's samples sorted once.
struct ScenarioPairs {
    /// The run's scenarios, in results order.
    let current: [ScenarioData]
    /// The baseline's scenarios that the run also has, by name.
    let baseline: [String: ScenarioData]
    /// Whether there is a baseline at all.
    let hasBaseline: Bool
    /// Scenarios of the run that the baseline lacks (their comparisons are skipped).
    let withoutBaseline: [String]
    /// Scenarios of the baseline that the run lacks.
    let missingFromRun: [String]

    /// Pairs the run with its baseline (nil: no baseline).
    init(current results: Results, baseline: Results?) {
        current = ScenarioData.prepare(results.scenarios)
        let matched = results.scenarios.compactMap { baseline?.scenario(named: $0.name) }
        // Scenario names are unique within a results file (validated on load).
        self.baseline = Dictionary(ScenarioData.prepare(matched).map { ($0.scenario.name, $0) }, uniquingKeysWith: { first, _ in first })
        hasBaseline = baseline != nil
        withoutBaseline = baseline == nil ? [] : results.scenarios.map(\.name).filter { baseline?.scenario(named: $0) == nil }
        missingFromRun = baseline?.scenarios.map(\.name).filter { results.scenario(named: $0) == nil } ?? []
    }

    /// Why the baseline cannot judge this run at all: it shares no scenario with it, so every
    /// comparison would be skipped and any change — renaming every scenario — would pass.
    var unusableBaseline: String? {
        guard hasBaseline, baseline.isEmpty, !current.isEmpty else { return nil }
        return "the baseline shares no scenario with this run (baseline: \(Self.listed(missingFromRun)); this run: "
            + "\(Self.listed(withoutBaseline))): record a baseline of these scenarios ('lens-gate baseline update'), or run the baseline's"
    }

    /// The metrics either side of scenario `index` has, the run's first.
    func availableMetrics(_ index: Int) -> [Metric] {
        var available = current[index].scenario.availableMetrics
        for metric in baseline[current[index].scenario.name]?.scenario.availableMetrics ?? [] where !available.contains(metric) {
            available.append(metric)
        }
        return available
    }

    /// "a, b, c and 4 more".
    static func listed(_ names: [String], limit: Int = 5) -> String {
        guard !names.isEmpty else { return "none" }
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }
}
