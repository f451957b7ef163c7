import ArgumentParser
import Bench
import Foundation
import LensCore
import Publish

/// `lens-gate run`: benchmark only — run the scenarios of the config and write a results file.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Benchmark the configured endpoints and write a results file (no gate).",
        discussion: """
            Runs every scenario (target × workload × load) of the config, or only those named \
            with --scenario, and writes raw per-request samples to the results file. Progress goes \
            to stderr (a bar on a terminal, a line every 10 s when CI is set); the summary table \
            goes to stdout. Ctrl-C stops the run and still writes the finished requests, marked \
            "complete": false. API keys come from environment variables named in the config \
            (api_key: ${OPENAI_API_KEY}) and never appear in outputs.

            A minimal lens-gate.yaml:

              targets:
                local: {provider: vllm, model: meta-llama/Llama-3.1-8B-Instruct}
              workloads:
                chat: {synthetic: {input_tokens: 256, output_tokens: 128}}
              scenarios:
                - name: chat-c8
                  target: local
                  workload: chat
                  load: {concurrency: 8, requests: 200, warmup: 10}

            Examples:
              lens-gate run
              lens-gate run --config bench.yaml --output results.json --csv requests.csv
              lens-gate run --scenario chat-c8 --scenario chat-open-10rps
              lens-gate run --shard 2/4 --output shard-2.json    # one of 4 machines; then lens-gate merge

            A request succeeds only with content and its protocol's end marker (see \
            docs/benchmark-accounting.md). The summary's last column says where output token \
            counts came from: server usage, the server's tokenize endpoint (counted after the \
            measured phase), or counted by lens-gate from chunks (approximate).

            Exit codes: 0 results written · 2 bad flag or config · 3 endpoint unreachable, error \
            rate above the abort limit, every request of a scenario failed, or interrupted \
            (partial results written).
            """)

    @Option(name: [.short, .long], help: "The config file.")
    var config: String = LensConfig.defaultPath

    @Option(name: [.short, .long], help: "Where to write the results (JSON).")
    var output: String = "results.json"

    @OptionGroup var benchmark: BenchmarkOptions

    @OptionGroup var sharding: ShardOptions

    mutating func run() async throws {
        let lensConfig = try ConfigFile.load(config)
        try ResultsWriter.checkWritable(results: output, csv: benchmark.csv)
        var execution = BenchmarkRun(configPath: config, config: lensConfig, options: benchmark)
        execution.shard = try sharding.resolve(environment: ProcessInfo.processInfo.environment)
        let outcome = try await execution.execute()
        try ResultsWriter.write(outcome, results: output, csv: benchmark.csv, console: .standard)
        if !outcome.results.scenarios.isEmpty {
            Console.standard.writeOutput(SummaryTableView.render(RunSummary(results: outcome.results)))
        }
        if let failure = outcome.failure { throw failure }
    }
}

/// Options of every command that runs the benchmark.
struct BenchmarkOptions: ParsableArguments {
    @Option(help: "Also write one CSV row per request to this file.")
    var csv: String?

    @Option(name: .customLong("scenario"), help: "Run only this scenario (repeatable).")
    var scenarios: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Slow every embedded simulator target (provider: simulator) down by this factor (above 0, at most 1000), e.g. 1.25 to demonstrate a regression.",
            valueName: "factor"))
    var slowdown: Double?

    @Flag(name: [.short, .long], help: "Print only warnings, errors and the summary.")
    var quiet = false

    func validate() throws {
        if let slowdown { try InputLimits.slowdown.check(slowdown, flag: "--slowdown") }
    }
}

/// One benchmark run: embedded simulators up, scenarios run with progress and Ctrl-C handling, simulators down.
struct BenchmarkRun {
    var configPath: String
    var config: LensConfig
    var options: BenchmarkOptions
    /// The embedded simulator targets `--slowdown` applies to (nil: all of them).
    var slowdownTargets: Set<String>? = nil
    /// The shard to run (`--shard`), nil for the whole load.
    var shard: Shard? = nil

    func execute() async throws -> BenchOutcome {
        let environment = ProcessInfo.processInfo.environment
        // Masked once per process: a confirmation rerun comes through here again.
        ProcessSecrets.shared.announce(config.bench.credentials(in: environment), environment: environment)
        var bench = config.bench
        let simulators = try await EmbeddedSimulators.start(for: &bench, slowdown: options.slowdown, only: slowdownTargets, shard: shard)
        var benchmark = Benchmark(
            config: bench, baseDirectory: PathNames.directory(of: configPath),
            environment: environment)
        benchmark.shard = shard
        let plans: [ScenarioPlan]
        do {
            plans = try benchmark.plan(only: options.scenarios)
        } catch {
            await simulators.stop()
            throw error
        }
        // Each concurrent request holds a socket; the usual soft limit of 1,024 descriptors is too few.
        RunCommand.raiseOpenFileLimit()
        let view = BenchProgressView(console: .standard, quiet: options.quiet)
        let stop = StopSignal()
        let trap = InterruptTrap { _ in stop.set() }
        let outcome = await benchmark.run(plans, stop: stop) { view.handle($0) }
        trap.remove()
        view.finish()
        await simulators.stop()
        return outcome
    }
}

extension RunCommand {
    /// Raises the soft open-file limit to the hard limit (process setup, so it belongs to the executable).
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
