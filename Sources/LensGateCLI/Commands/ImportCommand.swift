import ArgumentParser
import Import
import LensCore

/// `lens-gate import FILE -o results.json`: converts another load generator's output to lens-gate's results format.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert another benchmark tool's output to a lens-gate results file.",
        discussion: """
            Reads the per-request output of vLLM's 'bench serve' (--save-result --save-detailed), \
            GuideLLM (benchmarks.json or .yaml), AIPerf (profile_export.jsonl; the aggregate \
            profile_export_aiperf.json gives counts only), GenAI-Perf (profile_export.json) or \
            llmperf (*_individual_responses.json). The format is detected from the content; \
            --format names it. The converted file works everywhere a results file does: \
            'check', 'baseline update', history. 'check' also reads these files directly. \
            What each tool's fields become: docs/importing.md.

            Examples:
              lens-gate import vllm-result.json -o results.json
              lens-gate import profile_export.jsonl --format aiperf -o results.json --scenario chat
              lens-gate import vllm-result.json -o results.json --slo ttft_ms=500,tpot_ms=50   # with goodput
              lens-gate check benchmarks.json --baseline baselines/main.json
            """)

    @Argument(help: ArgumentHelp("The other tool's output file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The file's format (default: detected from its content).", valueName: "format"))
    var format: ForeignFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the lens-gate results file.", valueName: "file"))
    var output: String = "results.json"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Name of the scenario, for a file that holds one benchmark (default: the tool's own label, e.g. 'vllm-bench-serve', 'concurrent@4').",
            valueName: "name"))
    var scenario: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Count good requests (goodput) under this SLO, e.g. ttft_ms=500,tpot_ms=50,e2e_ms=5s (default: the top-level slo of --config).",
            valueName: "limits"), transform: ServiceLevelObjective.option)
    var slo: ServiceLevelObjective?

    @Option(name: .long, help: ArgumentHelp("A config file whose top-level slo is the SLO when --slo is not given.", valueName: "file"))
    var config: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    mutating func run() async throws {
        var limits = slo
        if limits == nil, let config { limits = try ConfigFile.load(config).bench.slo }
        var imported = try ForeignResults.load(file, format: format, slo: limits)
        if let scenario {
            guard imported.results.scenarios.count == 1 else {
                throw InputError(
                    file: file,
                    reason:
                        "--scenario renames the one benchmark of a file, but this one holds \(imported.results.scenarios.count) (\(imported.results.scenarios.map(\.name).joined(separator: ", ")))"
                )
            }
            imported.results.scenarios[0].name = scenario
        }
        try OutputFile.write(ResultsFile.encode(imported.results), to: output, role: "results")
        guard !quiet else { return }
        let console = Console.standard
        for note in imported.notes { console.writeError("lens-gate: note: \(note)") }
        let requests = imported.results.scenarios.compactMap(\.counts).reduce(0) { $0 + $1.requests }
        let names = imported.results.scenarios.map(\.name).joined(separator: ", ")
        console.writeError("lens-gate: \(imported.format.displayName) → \(output): \(names) (\(requests) requests)")
    }
}

extension ForeignFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
