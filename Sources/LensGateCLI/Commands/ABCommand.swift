import ArgumentParser
import Foundation
import Gate
import LensCore

/// `lens-gate ab`: benchmark a baseline and a candidate target interleaved in one job, then gate the difference.
struct ABCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Benchmark a baseline and a candidate target interleaved in one job and gate the difference.",
        discussion: """
            Runs every scenario of the config (or those named with --scenario) against both \
            targets in the same job, alternating requests in seeded random blocks (k per side), so \
            that runner and endpoint noise hit both sides alike. The results file holds both \
            sides (NAME and NAME@baseline); the gate compares candidate with baseline inside the \
            run (within-run noise model), reruns flagged scenarios twice to confirm, and exits \
            with the verdict. Without --baseline-target/--candidate-target, the scenarios that \
            name a baseline_target in the config run interleaved. Load is shared: concurrency \
            and rate count both sides together; 'requests: 200' means 200 per side.

              lens-gate ab --baseline-target prod --candidate-target canary
              lens-gate ab --config examples/ab.yaml --slowdown 1.3                        # demo: candidate 30% slower
              lens-gate check ab-results.json                                              # re-judge the file later
              lens-gate ab --shard 2/4 --output ab-2.json   # one shard: written, not judged; merge, then check

            --slowdown applies to the candidate's embedded simulator only.

            Exit codes: 0 passed · 1 regression · 2 usage or config error · 3 benchmark could not run.
            """)

    @Option(name: .long, help: ArgumentHelp("The reference target (overrides the scenarios' baseline_target).", valueName: "name"))
    var baselineTarget: String?

    @Option(name: .long, help: ArgumentHelp("The target under test (overrides the scenarios' target).", valueName: "name"))
    var candidateTarget: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Requests per side in each randomized block, 1 to 10000 (default: the config's, else 10).", valueName: "k"))
    var blockSize: Int?

    @OptionGroup var gate: GateOptions

    @OptionGroup var benchmark: BenchmarkOptions

    @OptionGroup var sharding: ShardOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the results of both sides (JSON).", valueName: "file"))
    var output: String = "ab-results.json"

    func validate() throws {
        if (baselineTarget == nil) != (candidateTarget == nil) {
            throw ValidationError("--baseline-target and --candidate-target go together")
        }
        if let blockSize { try InputLimits.blockSize.check(blockSize, flag: "--block-size") }
        if gate.baseline != nil || gate.history != nil {
            throw ValidationError(
                "ab compares two targets in one job: --baseline and --history do not apply (use 'lens-gate --baseline FILE' for a stored baseline)"
            )
        }
    }

    mutating func run() async throws {
        var (configPath, config) = try gate.requiredConfig(
            missing: "ab benchmarks the targets and workloads it describes (see 'lens-gate run --help')")
        config.bench = try config.bench.interleaving(
            baseline: baselineTarget, candidate: candidateTarget, blockSize: blockSize,
            only: benchmark.scenarios)
        var options = benchmark
        options.scenarios = try config.bench.interleavedSelection(benchmark.scenarios, configFile: configPath)
        let destinations = try gate.reportDestinations()
        try ResultsWriter.checkWritable(results: output, csv: benchmark.csv)
        let slowed = benchmark.slowdown == nil ? nil : try config.bench.candidateTargets(of: options.scenarios)
        if let shard = try sharding.resolve(environment: ProcessInfo.processInfo.environment) {
            // One shard cannot be judged alone: it writes its results; merge and check judge the whole.
            var execution = BenchmarkRun(configPath: configPath, config: config, options: options, slowdownTargets: slowed)
            execution.shard = shard
            let outcome = try await execution.execute()
            try ResultsWriter.write(outcome, results: output, csv: benchmark.csv, console: .standard)
            if let failure = outcome.failure { throw failure }
            Console.standard.writeError(
                "lens-gate: shard \(shard) written to \(output); judge the merged shards with 'lens-gate merge' then 'lens-gate check'")
            return
        }
        let run = ConfirmingRun(configPath: configPath, config: config, options: options, output: output, slowdownTargets: slowed)
        // The baseline is the run's own baseline sides; a run without any is an error of the results.
        let decision = GateDecision(config: config.gate, flags: gate.flags, baseline: .sameJob(otherwise: nil))
        try GateRun(destinations: destinations).report(try await run.execute(decision))
    }
}
