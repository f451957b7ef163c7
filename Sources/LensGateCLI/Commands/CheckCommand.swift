import ArgumentParser
import Foundation
import Gate
import LensCore

/// `lens-gate check RESULTS --baseline BASELINE`: compare and gate an existing results file.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a results file with a baseline and gate it (no benchmark).",
        discussion: """
            A comparison fails when the change is worse than the threshold AND statistically \
            significant (after correction across all checks of the run). Quality gates \
            (e.g. 'ttft_ms.p95 < 800') are judged on the results alone.

            Examples:
              lens-gate check results.json --baseline baselines/main.json --threshold 10
              lens-gate check results.json --baseline baselines/main.json --junit junit.xml --json verdict.json
              lens-gate check results.json --no-baseline --config lens-gate.yaml   # quality gates only
            """)

    @Argument(help: ArgumentHelp("The results file to judge.", valueName: "results"))
    var results: String

    @OptionGroup var gate: GateOptions

    @Flag(name: .long, help: "Judge quality gates only, without a baseline (otherwise a missing --baseline is exit 4).")
    var noBaseline = false

    func validate() throws {
        if noBaseline, gate.baseline != nil {
            throw ValidationError("--no-baseline and --baseline cannot be used together")
        }
    }

    mutating func run() async throws {
        let config = try gate.loadConfig()
        let destinations = try gate.reportDestinations()
        let (current, baseline) = try BaselineSource(path: gate.baseline, explicitlyNone: noBaseline).load(with: results)
        let verdict = evaluate(current, baseline: baseline.results, config: config.gate, baselineProblem: baseline.problem,
                               history: try gate.loadHistory())
        try destinations.write(verdict, results: current, environment: ProcessInfo.processInfo.environment, console: .standard)
        VerdictConsole(console: .standard).report(verdict)
        throw VerdictExit(status: verdict.exitStatus)
    }
}
