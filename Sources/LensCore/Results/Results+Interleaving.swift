extension Results {
    /// The two sides of an interleaved A/B results file: candidates under their pair names, and
    /// baselines renamed to the same pair names; nil when the file has no interleaved scenario.
    ///
    /// Every candidate needs its baseline side and the reverse; other scenarios are an error.
    public func interleavedSides() throws(FieldError) -> (candidate: Results, baseline: Results)? {
        guard scenarios.contains(where: { $0.interleaved != nil }) else { return nil }
        var candidates: [ScenarioResult] = []
        var baselines: [String: ScenarioResult] = [:]
        for (index, scenario) in scenarios.enumerated() {
            let path = FieldPath.root.appending("scenarios").appending(index)
            guard let side = scenario.interleaved else {
                throw FieldError(
                    path,
                    "scenario '\(scenario.name)' is not interleaved, but the file is an interleaved A/B run: every scenario must be a baseline or candidate side"
                )
            }
            var renamed = scenario
            renamed.name = side.pair
            switch side.role {
            case .candidate: candidates.append(renamed)
            case .baseline:
                guard baselines[side.pair] == nil else {
                    throw FieldError(path.appending("interleaved"), "two baseline sides for pair '\(side.pair)'")
                }
                baselines[side.pair] = renamed
            }
        }
        let candidateNames = Set(candidates.map(\.name))
        if let orphan = baselines.keys.sorted().first(where: { !candidateNames.contains($0) }) {
            throw FieldError(FieldPath.root.appending("scenarios"), "baseline side of '\(orphan)' has no candidate side")
        }
        if let orphan = candidates.first(where: { baselines[$0.name] == nil }) {
            throw FieldError(FieldPath.root.appending("scenarios"), "candidate '\(orphan.name)' has no baseline side")
        }
        let baselineSide = candidates.compactMap { baselines[$0.name] }
        var candidateSide = Results(schemaVersion: schemaVersion, run: run, scenarios: candidates)
        var baselineResults = Results(schemaVersion: schemaVersion, run: run, scenarios: baselineSide)
        candidateSide.metrics = metrics
        baselineResults.metrics = metrics
        return (candidateSide, baselineResults)
    }
}
