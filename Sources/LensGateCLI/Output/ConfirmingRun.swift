import Bench
import Gate
import LensCore

/// A benchmark run confirmed before it is judged: run, evaluate once, rerun the flagged scenarios,
/// pool every run's data and write the results. Shared by `gate` and `ab`, which differ only in
/// what the results are compared with.
struct ConfirmingRun {
    var configPath: String
    var config: LensConfig
    var options: BenchmarkOptions
    /// Where the results (pooled with the reruns) are written.
    var output: String
    var history: [HistoryEntry] = []
    /// The embedded simulator targets `--slowdown` applies to (nil: all of them).
    var slowdownTargets: Set<String>? = nil

    /// What a run's results are judged against: the results to judge and the loaded baseline.
    typealias Comparison = (Results) throws -> (current: Results, baseline: BaselineSource.Loaded)

    /// What to judge once the run is confirmed, and with which gate settings.
    struct Confirmed {
        var current: Results
        var baseline: BaselineSource.Loaded
        var notices: [String]
        /// The config to judge with: the run's, at half its α after a confirmation (`ConfirmationPlan.finalConfiguration`).
        var config: LensConfig
        /// The verdict already evaluated on these same inputs when nothing needed confirming.
        var verdict: Verdict?
    }

    /// Runs, confirms and writes the results; a benchmark that could not finish writes what it has and throws.
    func execute(comparing compare: Comparison) async throws -> Confirmed {
        let outcome = try await BenchmarkRun(configPath: configPath, config: config, options: options,
                                             slowdownTargets: slowdownTargets).execute()
        if let failure = outcome.failure {
            try ResultsWriter.write(outcome, results: output, csv: options.csv, console: .standard)
            throw failure
        }
        var results = outcome.results
        var (current, baseline) = try compare(results)
        var notices: [String] = []
        var final = config
        let first = evaluate(current, baseline: baseline.results, config: baseline.gateConfig(config.gate),
                             baselineProblem: baseline.problem, history: history)
        let plan = ConfirmationPlan(for: first, config: config.gate)
        if !plan.isEmpty {
            Console.standard.writeError("lens-gate: confirming \(Console.singleLine(plan.scenarios.joined(separator: ", "))) with \(plan.reruns) more run\(plan.reruns == 1 ? "" : "s") before deciding")
            var rerunOptions = options
            rerunOptions.scenarios = plan.scenarios
            var reruns: [Results] = []
            for _ in 0..<plan.reruns {
                let rerun = try await BenchmarkRun(configPath: configPath, config: config, options: rerunOptions,
                                                   slowdownTargets: slowdownTargets).execute()
                if let failure = rerun.failure { throw failure }
                reruns.append(rerun.results)
            }
            results = results.pooling(reruns)
            (current, baseline) = try compare(results)
            notices.append("confirmation: \(plan.scenarios.joined(separator: ", ")) ran \(plan.reruns + 1) times; the verdict is decided on all the data at α/2")
            final.gate = ConfirmationPlan.finalConfiguration(config.gate)
        }
        var pooled = outcome
        pooled.results = results
        try ResultsWriter.write(pooled, results: output, csv: options.csv, console: .standard)
        return Confirmed(current: current, baseline: baseline, notices: notices, config: final, verdict: plan.isEmpty ? first : nil)
    }
}
