import ArgumentParser
import Foundation
import Gate
import LensCore

/// `lens-gate baseline update|validate|show`: the weekly refresh and its checks.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record, check and inspect baselines.",
        subcommands: [BaselineUpdateCommand.self, BaselineValidateCommand.self, BaselineShowCommand.self])
}

/// Options that decide whether a run may become the baseline.
struct BaselinePolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Fewest successful requests per scenario (1 to 10000000).", valueName: "n"))
    var minRequests: Int = BaselinePolicy().minimumRequests

    @Option(name: .long, help: ArgumentHelp("Highest error rate per scenario (0–1).", valueName: "rate"))
    var maxErrorRate: Double = BaselinePolicy().maximumErrorRate

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Largest drift (percent, 0 to 10000) between the medians of the first and second half of the run.", valueName: "percent"))
    var maxDrift: Double = BaselinePolicy().maximumDriftPercent

    func validate() throws {
        try InputLimits.minimumRequests.check(minRequests, flag: "--min-requests")
        try InputLimits.fraction.check(maxErrorRate, flag: "--max-error-rate")
        try InputLimits.percent.check(maxDrift, flag: "--max-drift")
    }

    var policy: BaselinePolicy {
        var policy = BaselinePolicy()
        policy.minimumRequests = minRequests
        policy.maximumErrorRate = maxErrorRate
        policy.maximumDriftPercent = maxDrift
        return policy
    }
}

/// A run that may not become the baseline (exit 4: no usable baseline results from it).
struct UnusableBaseline: DiagnosedError {
    var path: String
    var problems: [BaselineProblem]
    var exitStatus: ExitStatus { .noBaseline }
    var description: String {
        "\(path): not usable as a baseline: " + problems.map(\.description).joined(separator: "; ")
    }
}

/// Results files given to one `baseline update` that were not measured under the same setup: they
/// cannot be repetitions of one job (exit 2, nothing written).
struct MismatchedRepetitions: DiagnosedError {
    var path: String
    var last: String
    var mismatches: [FingerprintMismatch]
    var exitStatus: ExitStatus { .inputError }
    var description: String {
        "\(path): not a repetition of the same job as \(last) ("
            + mismatches.map(\.description).joined(separator: "; ")
            + "); give --from only runs of one setup, and record other setups with their own baseline update"
    }
}

/// `lens-gate baseline update`: validate a run and, only then, replace the baseline atomically and append history.
struct BaselineUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Validate a run and make it the baseline (atomic replace, history appended).",
        discussion: """
            The candidate must have enough requests, a low error rate and a steady measurement; \
            otherwise the old baseline stays untouched and the command exits 4. The history line is \
            written first, carrying the digest of the new baseline, then the baseline is replaced; \
            each file is replaced atomically (temporary file, fsync, rename). An interrupted update \
            leaves the old baseline with the old history, or the new with the new, or the old \
            baseline with a last history line that readers ignore (its digest names a baseline \
            that never landed). The baseline and history must be regular files: a symbolic link \
            is refused (exit 2), never followed or replaced.

            Without --from, runs the benchmark of lens-gate.yaml (or --config) first; give it more \
            requests than a PR run (e.g. a config made for the weekly job) so the baseline is precise.

            Repeat --from to record several repetitions of the same job (e.g. three runs spread over \
            the weekly job): the last file becomes the baseline and every file becomes a history line, \
            marked as a repetition of one job, so that the run-to-run model has a history from day \
            one. Repetitions in one job miss the spread between jobs (a slower runner next week), so \
            the seeded model is optimistic until weekly refreshes accumulate. Every file must pass \
            the checks below and share the last one's setup; otherwise nothing is written.

            Examples:
              lens-gate baseline update --baseline baselines/main.json --from results.json
              lens-gate baseline update --baseline baselines/main.json --from r1.json --from r2.json --from r3.json
              lens-gate baseline update --baseline baselines/main.json --config weekly.yaml
            """)

    @Option(name: .long, help: ArgumentHelp("The baseline file to replace.", valueName: "file"))
    var baseline: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Take this results file instead of running the benchmark; repeat for repetitions of one job (the last becomes the baseline).",
            valueName: "file"))
    var from: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("The config to benchmark when --from is not given.", valueName: "file"))
    var config: String = LensConfig.defaultPath

    @Option(name: .long, help: ArgumentHelp("The history file (default: baselines/history/<name>.jsonl).", valueName: "file"))
    var history: String?

    @Option(name: .long, help: ArgumentHelp("How many refreshes the history keeps (1 to 10000).", valueName: "n"))
    var historyLimit: Int = HistoryFile.defaultLimit

    @OptionGroup var policy: BaselinePolicyOptions

    @Flag(name: [.short, .long], help: "Print only warnings, errors and the summary (when it runs the benchmark).")
    var quiet = false

    func validate() throws {
        try InputLimits.historyLimit.check(historyLimit, flag: "--history-limit")
    }

    mutating func run() async throws {
        let historyPath = history ?? HistoryFile.defaultPath(forBaseline: baseline)
        // A path lens-gate refuses to write is refused before any time is spent benchmarking.
        try OutputFile.checkDestination(baseline, role: "baseline")
        try OutputFile.checkDestination(historyPath, role: "baseline history")
        var repetitions: [Results] = []
        let source: String
        if !from.isEmpty {
            repetitions = try from.map { path in try ResultsFile.load(path) }
            source = from.count == 1 ? from[0] : "\(from.count) repetitions (\(from.joined(separator: ", ")))"
        } else {
            let outcome = try await BenchmarkRun(
                configPath: config, config: try ConfigFile.load(config),
                options: try BenchmarkOptions.parse(quiet ? ["--quiet"] : [])
            ).execute()
            if let failure = outcome.failure { throw failure }
            repetitions = [outcome.results]
            source = "a new run of \(config)"
        }
        let paths = from.isEmpty ? [config] : from
        for index in repetitions.indices {
            repetitions[index].fingerprint = BaselineFingerprint(of: repetitions[index])
        }
        // Every repetition must be usable and of the last one's setup before anything is written.
        for (results, path) in zip(repetitions, paths) {
            let problems = policy.policy.problems(with: results)
            guard problems.isEmpty else { throw UnusableBaseline(path: path, problems: problems) }
        }
        guard let candidate = repetitions.last, let lastPath = paths.last else { return }
        for (results, path) in zip(repetitions, paths).dropLast() {
            let mismatches = BaselineFingerprint.of(baseline: results).mismatches(against: BaselineFingerprint.of(baseline: candidate))
            guard mismatches.isEmpty else { throw MismatchedRepetitions(path: path, last: lastPath, mismatches: mismatches) }
        }
        let recorded = try BaselineHistoryPair(baselinePath: baseline, historyPath: historyPath)
            .record(baseline: ResultsFile.encode(candidate), entries: repetitions.map(HistoryEntry.init(summarizing:)), limit: historyLimit)
        let dropped =
            recorded.droppedOrphans == 0
            ? ""
            : "; dropped \(recorded.droppedOrphans) line\(recorded.droppedOrphans == 1 ? "" : "s") of earlier updates whose baseline never landed"
        let seeded = repetitions.count == 1 ? "" : "; \(repetitions.count) repetitions of one job recorded"
        Console.standard.writeError(
            "lens-gate: baseline \(baseline) updated from \(source) (\(candidate.scenarios.count) scenarios\(seeded); history \(recorded.historyCount) runs in \(historyPath)\(dropped))"
        )
    }
}

/// `lens-gate baseline validate`: would this file be accepted as a baseline?
struct BaselineValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check that a baseline (or a candidate run) is usable; exit 4 if not.")

    @Argument(help: ArgumentHelp("The baseline or results file.", valueName: "file"))
    var file: String

    @OptionGroup var policy: BaselinePolicyOptions

    mutating func run() async throws {
        let results = try ResultsFile.load(file, role: "baseline")
        let problems = policy.policy.problems(with: results)
        guard problems.isEmpty else { throw UnusableBaseline(path: file, problems: problems) }
        Console.standard.writeOutput("\(file): usable baseline (\(results.scenarios.count) scenarios)")
    }
}

/// `lens-gate baseline show`: a human summary of a baseline and its history.
struct BaselineShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Summarize a baseline and its history.")

    @Argument(help: ArgumentHelp("The baseline file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The history file (default: baselines/history/<name>.jsonl).", valueName: "file"))
    var history: String?

    mutating func run() async throws {
        let results = try ResultsFile.load(file, role: "baseline")
        let historyPath = history ?? HistoryFile.defaultPath(forBaseline: file)
        let loaded = try HistoryFile.load(historyPath, baseline: .file(file))
        HistoryNotice.report(loaded, path: historyPath)
        let entries = loaded.entries
        Console.standard.writeOutput(BaselineDescription(results: results, history: entries, historyPath: historyPath).text)
    }
}
