import ArgumentParser
import Foundation
import Gate
import LensCore

/// `lens-gate trend`: the slope of statistics over the baseline history.
struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Show how statistics moved over the baseline history (slope per run, significance).",
        discussion: """
            Slopes are Theil–Sen (robust to one odd run) as percent of the mean per run, with a \
            95% interval. Significance is Mann–Kendall's test: Kendall's τ between run order and \
            value, its two-sided p and its p in the worse direction (the one trend rules use). The \
            least-squares (OLS) slope and its two-sided p are shown beside it: they agree with \
            Theil–Sen unless one run is far off. --json writes every value at full precision.

            History lines of a 'baseline update' whose baseline never landed are left out; that \
            needs the baseline (--baseline, by default the <name>.json beside the history folder).

            Examples:
              lens-gate trend --history baselines/history/main.jsonl
              lens-gate trend --history baselines/history/main.jsonl --metric ttft_ms.p95 --window 12 --markdown trend.md
              lens-gate trend --history baselines/history/main.jsonl --json trend.json
            """)

    @Option(name: .long, help: ArgumentHelp("The history file.", valueName: "file"))
    var history: String

    @Option(name: .long, help: ArgumentHelp("Metric statistics to show (default: p50 and p95 of every latency).", valueName: "metric.stat"))
    var metric: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this scenario.", valueName: "name"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Newest runs to use (3 to 1000).", valueName: "n"))
    var window: Int = 8

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The baseline the history belongs to (default: baselines/<name>.json for baselines/history/<name>.jsonl, if present).",
            valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Also write a Markdown report with charts.", valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Also write the trends as JSON (every statistic at full precision).", valueName: "file"))
    var json: String?

    func validate() throws {
        try InputLimits.trendWindow.check(window, flag: "--window")
        for text in metric {
            do { _ = try MetricStatistic(parsing: text) } catch { throw ValidationError("--metric \(text): \(error.reason)") }
        }
    }

    mutating func run() async throws {
        if let markdown { try OutputFile.checkWritable(markdown, role: "trend report") }
        if let json { try OutputFile.checkWritable(json, role: "trend JSON") }
        let baselinePath = baseline ?? HistoryFile.conventionalBaseline(forHistory: history)
        let loaded = try HistoryFile.load(history, baseline: try baselinePath.map(HistoryLineage.CurrentBaseline.file) ?? .unknown)
        HistoryNotice.report(loaded, path: history)
        let entries = Array(loaded.entries.suffix(window))
        guard !entries.isEmpty else {
            throw InputError(
                file: history, reason: "no history yet (record baselines with 'lens-gate baseline update')",
                exitStatus: .noBaseline)
        }
        let targets =
            try metric.isEmpty
            ? [Metric.ttftMs, .itlMs, .tpotMs, .e2eMs].flatMap {
                [MetricStatistic($0, .quantile(0.5)), MetricStatistic($0, .quantile(0.95))]
            }
            : metric.map { try declaredTarget(try MetricStatistic(parsing: $0), in: entries) }
        let scenarios = Set(entries.flatMap { $0.scenarios.keys }).sorted().filter { scenario == nil || $0 == scenario }
        var trends: [Trend] = []
        for name in scenarios {
            for target in targets {
                let series = HistoryEntry.series(entries, scenario: name, target: target)
                if !series.isEmpty { trends.append(Trend(scenario: name, target: target, values: series)) }
            }
        }
        let report = TrendReport(trends: trends, window: window)
        Console.standard.writeOutput(report.text)
        if let markdown { try OutputFile.write(report.markdown, to: markdown, role: "trend report") }
        if let json { try OutputFile.write(JSONWriter().bytes(report.json), to: json, role: "trend JSON") }
    }

    /// A target naming a metric of the results' own, with that metric as the newest history line declares it.
    private func declaredTarget(_ target: MetricStatistic, in entries: [HistoryEntry]) throws -> MetricStatistic {
        guard target.metric.origin == .referenced else { return target }
        guard let declared = entries.reversed().lazy.compactMap({ $0.metrics.metric(named: target.metric.name) }).first,
            declared.granularity == target.metric.granularity
        else {
            throw InputError(
                file: history,
                reason:
                    "--metric \(target): not a built-in metric, and no history line declares it \(target.metric.granularity == .perRequest ? "per request" : "per scenario")"
            )
        }
        return MetricStatistic(declared, target.statistic)
    }
}
