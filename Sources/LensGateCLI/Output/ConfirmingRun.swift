import Bench
import Gate
import LensCore

/// The shell around Gate's decision for the commands that benchmark (`gate`, `ab`): run the
/// benchmark, let `GateDecision` look, perform the reruns it asks for, write the results (pooled
/// with the reruns). What is flagged, pooled and decided at which level is Gate's.
struct ConfirmingRun {
    var configPath: String
    var config: LensConfig
    var options: BenchmarkOptions
    /// Where the results (pooled with the reruns) are written.
    var output: String
    /// The embedded simulator targets `--slowdown` applies to (nil: all of them).
    var slowdownTargets: Set<String>? = nil

    /// Runs, decides and writes the results; a benchmark that could not finish writes what it has and throws.
    func execute(_ decision: GateDecision) async throws -> GateOutcome {
        let outcome = try await BenchmarkRun(
            configPath: configPath, config: config, options: options,
            slowdownTargets: slowdownTargets
        ).execute()
        if let failure = outcome.failure {
            try ResultsWriter.write(outcome, results: output, csv: options.csv, console: .standard)
            throw failure
        }
        let decision = try decision.resolvingMetrics(of: outcome.results, resultsFile: output, configFile: configPath)
        let decided: GateOutcome
        switch try inResults({ () throws(FieldError) in try decision.start(outcome.results) }) {
        case .decided(let final):
            decided = final
        case .rerun(let pending):
            let plan = pending.plan
            Console.standard.writeError(
                "lens-gate: confirming \(Console.singleLine(plan.scenarios.joined(separator: ", "))) with \(plan.reruns) more run\(plan.reruns == 1 ? "" : "s") before deciding"
            )
            var rerunOptions = options
            rerunOptions.scenarios = plan.scenarios
            var reruns: [Results] = []
            for _ in 0..<plan.reruns {
                let rerun = try await BenchmarkRun(
                    configPath: configPath, config: config, options: rerunOptions,
                    slowdownTargets: slowdownTargets
                ).execute()
                if let failure = rerun.failure { throw failure }
                reruns.append(rerun.results)
            }
            decided = try inResults { () throws(FieldError) in try pending.decide(with: reruns) }
        }
        var pooled = outcome
        pooled.results = decided.results
        try ResultsWriter.write(pooled, results: output, csv: options.csv, console: .standard)
        return decided
    }

    /// Gate's complaints about a run's results belong to the results file.
    private func inResults<T>(_ body: () throws(FieldError) -> T) throws(InputError) -> T {
        do {
            return try body()
        } catch {
            throw InputError(file: output, error)
        }
    }
}
