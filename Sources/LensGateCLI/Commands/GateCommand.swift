import ArgumentParser
import Bench
import Foundation
import Gate
import LensCore

/// `lens-gate [gate] --baseline FILE --threshold N`: run the benchmark, then gate it (the default command).
struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Run the benchmark and gate it against the baseline (the default command).",
        discussion: """
            Runs the scenarios of lens-gate.yaml (or --config), writes the results, compares them \
            with the baseline, writes the reports and exits with the verdict. 'gate' may be omitted:

              lens-gate --baseline baselines/main.json --threshold 10
              lens-gate --baseline baselines/main.json --junit junit.xml --json verdict.json
              lens-gate --baseline baselines/main.json --slowdown 1.25   # demo: an embedded simulator 25% slower
            """)

    @OptionGroup var gate: GateOptions

    @OptionGroup var benchmark: BenchmarkOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the results of this run (JSON).", valueName: "file"))
    var output: String = "results.json"

    @Flag(name: .long, help: "Compare even if the baseline was measured under a different config, hardware tag or tool version.")
    var allowFingerprintMismatch = false

    mutating func run() async throws {
        let (configPath, config) = try gate.requiredConfig(
            missing:
                "the one-liner benchmarks what it describes (see 'lens-gate run --help' for a minimal one, or use 'lens-gate check RESULTS' to gate an existing results file)"
        )
        let destinations = try gate.reportDestinations()
        try ResultsWriter.checkWritable(results: output, csv: benchmark.csv)
        let source = BaselineSource(
            path: gate.baseline, explicitlyNone: false, allowFingerprintMismatch: allowFingerprintMismatch, resultsPath: output,
            slo: config.bench.slo)
        // A broken baseline or history is an input error before any time is spent benchmarking.
        let baseline = try source.loadBaseline()
        if let baseline, let path = source.existingPath, !allowFingerprintMismatch {
            // A baseline of another setup is refused before any request is sent.
            try SetupCheck(config: config.bench, environment: ProcessInfo.processInfo.environment, only: benchmark.scenarios)
                .verify(baseline, path: path)
        }
        let decision = GateDecision(
            config: config.gate, flags: gate.flags, baseline: source.input(baseline),
            history: try gate.loadHistory())
        let run = ConfirmingRun(configPath: configPath, config: config, options: benchmark, output: output)
        try GateRun(destinations: destinations).report(try await run.execute(decision))
    }
}
