import ArgumentParser
import Foundation
import Gate
import LensCore

/// `lens-gate init`: write a commented starter lens-gate.yaml.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter lens-gate.yaml for a provider.",
        discussion: """
            Examples:
              lens-gate init                                  # the embedded simulator: works offline
              lens-gate init --provider vllm --model meta-llama/Llama-3.1-8B-Instruct
              lens-gate init --provider openai --model gpt-4o-mini --output bench.yaml
            """)

    @Option(name: .long, help: ArgumentHelp("The provider preset.", valueName: "name"))
    var provider: String = Provider.simulator.rawValue

    @Option(name: .long, help: ArgumentHelp("The model to request.", valueName: "name"))
    var model: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the config.", valueName: "file"))
    var output: String = LensConfig.defaultPath

    @Flag(name: .long, help: "Overwrite an existing file.")
    var force = false

    func validate() throws {
        guard Provider(rawValue: provider) != nil else {
            let names = Provider.allCases.map(\.rawValue)
            throw ValidationError(
                "unknown provider '\(provider)'\(Suggestion.hint(for: provider, among: names)); valid: \(names.joined(separator: ", "))")
        }
    }

    mutating func run() async throws {
        guard force || !InputFile.exists(output) else {
            throw InputError(file: output, reason: "already exists (pass --force to overwrite)")
        }
        let text = StarterConfig(provider: Provider(rawValue: provider) ?? .simulator, model: model).text
        try OutputFile.write(text, to: output, role: "config")
        Console.standard.writeError(
            "lens-gate: wrote \(output); check it with 'lens-gate validate --config \(output)', then 'lens-gate run'")
    }
}

/// `lens-gate validate`: check a config file and summarize it, with the URLs each target will be sent.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check lens-gate.yaml (file:line:column on errors) and summarize it.",
        discussion: """
            Loads the config exactly as 'run' does (same errors, exit 2), then prints per target \
            the URLs lens-gate will call, the model and the name of the header carrying the key \
            (never its value). Warns on stderr about the placeholders 'init' writes and about \
            environment variables the config names that are not set; warnings do not change the \
            exit code (0).
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The config file.", valueName: "file"))
    var config: String = LensConfig.defaultPath

    mutating func run() async throws {
        let loaded = try ConfigFile.load(config)
        let bench = loaded.bench
        let gate = loaded.gate
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let rules = gate.rules.map { count($0.count, "comparison rule") } ?? "default comparison rules"
        Console.standard.writeOutput(
            "\(config): valid — \(count(bench.targets.count, "target")), \(count(bench.workloads.count, "workload")), "
                + "\(count(bench.scenarios.count, "scenario")); \(rules), \(count(gate.qualityGates.count, "quality gate")), "
                + "\(count(gate.budgets.count, "budget")), \(count(gate.trends.count, "trend rule")); threshold "
                + "\(gate.thresholdPercent.map(Notation.threshold) ?? "\(Notation.threshold(GateConfig.defaultThresholdPercent)) (default)"), "
                + "alpha \(gate.alpha.map { "\($0)" } ?? "\(GateConfig.defaultAlpha) (default)"), correction \(gate.correction.rawValue)")
        let overview = ConfigOverview(config: loaded, environment: ProcessInfo.processInfo.environment)
        let lines = overview.targetLines + overview.sloLines + [overview.declaredMetricLine].compactMap { $0 }
        if !lines.isEmpty { Console.standard.writeOutput(lines.map(Console.singleLine).joined(separator: "\n")) }
        for warning in overview.warnings {
            Console.standard.writeError("lens-gate: warning: \(config):" + Console.singleLine(warning))
        }
    }
}

/// The text of a starter config: one target, one workload, one closed-loop scenario, a commented gate.
struct StarterConfig {
    var provider: Provider
    var model: String?

    var text: String {
        let modelName = model ?? (provider == .simulator ? "sim-small" : ConfigOverview.placeholderModel)
        var target = "    provider: \(provider.rawValue)\n    model: \(modelName)\n"
        if provider == .simulator {
            target += "    simulator: {ttft_ms: 120, itl_ms: 20, jitter: 0.2, tokens: 64}\n"
        } else if let url = provider.preset.baseURL {
            target += "    base_url: \(url)   # with or without the API path; see docs/config.md\n"
        } else {
            target += "    base_url: \(ConfigOverview.placeholderURL)   # required for \(provider.rawValue)\n"
        }
        if let variable = provider.preset.keyVariable {
            target += "    api_key: ${\(variable)}          # read from the environment, never printed\n"
        }
        if provider == .azureOpenAI { target += "    deployment: YOUR-DEPLOYMENT\n" }
        return """
            # lens-gate.yaml — benchmark (targets, workloads, scenarios) and quality gate (gate:).
            # Check it: lens-gate validate   Run it: lens-gate --baseline baselines/main.json
            version: 1

            targets:
              main:
            \(target)
            workloads:
              chat:
                synthetic: {input_tokens: 256, output_tokens: 128}
                max_tokens: 128

            scenarios:
              - name: chat-c8
                target: main
                workload: chat
                load: {concurrency: 8, requests: 200, warmup: 10}

            # slo: {ttft_ms: 500, tpot_ms: 50, e2e_ms: 5000}   # goodput: the share of requests meeting every limit

            gate:
              threshold_percent: 10          # worse than this AND significant fails (default 5; 10 suits noisy shared runners)
              # rules:                       # default: p50 and p95 of every latency, error rate, cost
              #   - ttft_ms.p95
              quality_gates:
                - "error_rate <= 1%"
              #   - "ttft_ms.p95 < 800ms"

            """
    }
}
