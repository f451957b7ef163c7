import ArgumentParser
import Foundation
import Gate
import Import
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
              lens-gate check vllm-result.json --baseline baselines/main.json      # another tool's output
            """)

    @Argument(help: ArgumentHelp("The results file to judge.", valueName: "results"))
    var results: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The results file's format: lens-gate, or another tool's output (default: detected from its content; see 'lens-gate import --help').",
            valueName: "format"))
    var format: ForeignFormat?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SLO another tool's per-request file is judged under for goodput, e.g. ttft_ms=500,tpot_ms=50,e2e_ms=5s (default: the config's top-level slo).",
            valueName: "limits"), transform: ServiceLevelObjective.option)
    var slo: ServiceLevelObjective?

    @OptionGroup var gate: GateOptions

    @Flag(name: .long, help: "Judge quality gates only, without a baseline (otherwise a missing --baseline is exit 4).")
    var noBaseline = false

    @Flag(name: .long, help: "Compare even if the baseline was measured under a different config, hardware tag or tool version.")
    var allowFingerprintMismatch = false

    func validate() throws {
        if noBaseline, gate.baseline != nil {
            throw ValidationError("--no-baseline and --baseline cannot be used together")
        }
    }

    mutating func run() async throws {
        let config = try gate.loadConfig()
        let destinations = try gate.reportDestinations()
        let source = BaselineSource(
            path: gate.baseline, explicitlyNone: noBaseline,
            allowFingerprintMismatch: allowFingerprintMismatch, resultsPath: results, slo: slo ?? config.bench.slo)
        let (imported, baseline) = try source.load(with: results, format: format)
        for note in imported.notes { Console.standard.writeError("lens-gate: note: \(note)") }
        let current = imported.results
        let decision = try GateDecision(config: config.gate, flags: gate.flags, baseline: baseline, history: try gate.loadHistory())
            .resolvingMetrics(of: current, resultsFile: results, configFile: gate.config ?? LensConfig.defaultPath)
        let action: GateDecision.Action
        do {
            action = try decision.start(current)
        } catch {
            throw InputError(file: results, error)
        }
        switch action {
        case .decided(let outcome):
            try GateRun(destinations: destinations).report(outcome)
        case .rerun(let pending):
            // check cannot rerun anything: it decides on the data it is given.
            try GateRun(destinations: destinations).report(pending.firstLook)
        }
    }
}
