/// Interleaved A/B scenarios: those the config marks with `baseline_target`, and the command-line
/// form that interleaves any scenario between two named targets.
extension BenchConfig {
    /// Names of the scenarios that run interleaved, in config order.
    public var interleavedScenarioNames: [String] { scenarios.filter(\.isInterleaved).map(\.name) }

    /// This config with the named scenarios (every scenario when `names` is empty) interleaved
    /// between `baseline` and `candidate`, overriding their targets; `blockSize` (when given)
    /// overrides every interleaved scenario's block size.
    ///
    /// Target names are checked here, with a suggestion for a near miss; an unknown scenario name
    /// is left for the planner, which reports it with the list of scenarios.
    public func interleaving(baseline: String?, candidate: String?, blockSize: Int?, only names: [String] = [])
        throws(InputError) -> BenchConfig
    {
        var config = self
        let known = targets.map(\.name)
        for (flag, name) in [("--baseline-target", baseline), ("--candidate-target", candidate)] {
            guard let name, !known.contains(name) else { continue }
            let defined = known.isEmpty ? "the config defines no targets" : "targets in the config: \(known.joined(separator: ", "))"
            throw InputError(file: nil, reason: "\(flag): unknown target '\(name)'\(Suggestion.hint(for: name, among: known)); \(defined)")
        }
        for index in config.scenarios.indices where names.isEmpty || names.contains(config.scenarios[index].name) {
            if let baseline, let candidate {
                config.scenarios[index].target = candidate
                config.scenarios[index].baselineTarget = baseline
            }
            if let blockSize, config.scenarios[index].isInterleaved { config.scenarios[index].blockSize = blockSize }
        }
        return config
    }
}

extension BenchConfig {
    /// The scenarios an A/B run covers: those named (each must be interleaved), else every
    /// interleaved scenario; an error says how to make one interleaved when none is.
    ///
    /// Names the config does not know are kept, for the planner to report with the list of scenarios.
    public func interleavedSelection(_ names: [String], configFile: String) throws(InputError) -> [String] {
        let remedy = "add 'baseline_target: NAME' to the scenario in \(configFile), or pass --baseline-target and --candidate-target"
        guard !names.isEmpty else {
            let selected = interleavedScenarioNames
            guard !selected.isEmpty else { throw InputError(file: configFile, reason: "no scenario is interleaved: \(remedy)") }
            return selected
        }
        for scenario in scenarios where names.contains(scenario.name) && !scenario.isInterleaved {
            throw InputError(
                file: configFile, position: scenario.position,
                reason: "scenario '\(scenario.name)' has no baseline target to compare with: \(remedy)")
        }
        return names
    }

    /// The candidate targets of the named scenarios, which a demo slowdown may slow; an error when
    /// one of them is also a baseline there (slowing it would slow both sides alike).
    public func candidateTargets(of names: [String]) throws(InputError) -> Set<String> {
        let selected = scenarios.filter { names.contains($0.name) && $0.isInterleaved }
        let candidates = Set(selected.map(\.target))
        let baselines = Set(selected.compactMap(\.baselineTarget))
        if let shared = candidates.intersection(baselines).sorted().first {
            throw InputError(
                file: nil,
                reason:
                    "--slowdown slows the candidate's embedded simulator, but target '\(shared)' is a baseline too: compare two distinct simulator targets"
            )
        }
        return candidates
    }
}
