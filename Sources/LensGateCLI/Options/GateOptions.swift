import ArgumentParser
import Foundation
import Gate
import LensCore

/// Options shared by every command that gates: the baseline, the config, the threshold and report paths.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The baseline results file to compare with.", valueName: "file"))
    var baseline: String?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "The config file (default: lens-gate.yaml when it exists, else built-in defaults).", valueName: "file"))
    var config: String?

    // Parsed unconditionally so that `--threshold -5` reaches the range check below instead of
    // being taken for a flag ("Missing value").
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Practical threshold in percent (0 to 10000): a change must be worse than this and significant to fail. Applies where the config sets none: a rule's threshold_percent beats its scenario's, which beats gate.threshold_percent, which beats this flag (default 5).",
            valueName: "percent"))
    var threshold: Double?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Significance level of the whole run (0.000001 to 0.5): the chance that an unchanged run fails any check, after Holm's correction. Applies where the config sets none: a rule's alpha beats its scenario's, which beats gate.alpha, which beats this flag (default 0.02).",
            valueName: "alpha"))
    var alpha: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Baseline history for trend rules (default: baselines/history/<name>.jsonl next to the baseline, if present).",
            valueName: "file"))
    var history: String?

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report to this file.", valueName: "file"))
    var junit: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the Markdown summary to this file ('-': stdout). Without it, stdout gets a plain table on a terminal and the Markdown otherwise.",
            valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Write the JSON verdict to this file.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Write OpenMetrics gauges (GitLab's metrics report) to this file.", valueName: "file"))
    var openmetrics: String?

    func validate() throws {
        if let threshold { try InputLimits.percent.check(threshold, flag: "--threshold") }
        if let alpha { try InputLimits.significanceLevel.check(alpha, flag: "--alpha") }
    }

    /// The config file a benchmarking command needs (it benchmarks what the file describes) and
    /// its path; a missing file is an input error that says why it is needed (`missing`).
    func requiredConfig(missing: String) throws -> (path: String, config: LensConfig) {
        let path = config ?? LensConfig.defaultPath
        guard InputFile.exists(path) else { throw InputError(file: path, reason: "config file not found: " + missing) }
        return (path, try loadConfig())
    }

    /// The config named by `--config`, else `lens-gate.yaml` if present, else the defaults. The
    /// flags do not change it: Gate applies them where the config sets nothing (`flags`).
    func loadConfig() throws -> LensConfig {
        if let path = self.config { return try ConfigFile.load(path) }
        if FileManager.default.fileExists(atPath: LensConfig.defaultPath) { return try ConfigFile.load(LensConfig.defaultPath) }
        return LensConfig()
    }

    /// `--threshold` and `--alpha`, for Gate to resolve below the config's own values.
    var flags: GateFlags { GateFlags(thresholdPercent: threshold, alpha: alpha) }

    /// The baseline history: the named file, or the conventional one next to the baseline when it
    /// exists; lines of updates whose baseline never landed are left out (and said so on stderr).
    func loadHistory() throws -> [HistoryEntry] {
        guard let path = history ?? baseline.map(HistoryFile.defaultPath(forBaseline:)) else { return [] }
        let loaded = try HistoryFile.load(path, baseline: try baseline.map(HistoryLineage.CurrentBaseline.file) ?? .unknown)
        HistoryNotice.report(loaded, path: path)
        return loaded.entries
    }

    /// The report destinations, checked for writability before any slow work starts.
    func reportDestinations() throws -> ReportDestinations {
        let destinations = ReportDestinations(junit: junit, markdown: markdown, json: json, openMetrics: openmetrics)
        try destinations.checkWritable()
        return destinations
    }
}
