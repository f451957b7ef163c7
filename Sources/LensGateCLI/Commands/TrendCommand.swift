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
            95% interval; significance is Mann–Kendall's test for a monotonic trend in the worse direction.

            Examples:
              lens-gate trend --history baselines/history/main.jsonl
              lens-gate trend --history baselines/history/main.jsonl --metric ttft_ms.p95 --window 12 --markdown trend.md
            """)

    @Option(name: .long, help: ArgumentHelp("The history file.", valueName: "file"))
    var history: String

    @Option(name: .long, help: ArgumentHelp("Metric statistics to show (default: p50 and p95 of every latency).", valueName: "metric.stat"))
    var metric: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this scenario.", valueName: "name"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Newest runs to use (3 to 1000).", valueName: "n"))
    var window: Int = 8

    @Option(name: .long, help: ArgumentHelp("Also write a Markdown report with charts.", valueName: "file"))
    var markdown: String?

    func validate() throws {
        try InputLimits.trendWindow.check(window, flag: "--window")
        for text in metric {
            do { _ = try MetricStatistic(parsing: text) } catch { throw ValidationError("--metric \(text): \(error.reason)") }
        }
    }

    mutating func run() async throws {
        let entries = Array(try HistoryFile.load(history).entries.suffix(window))
        guard !entries.isEmpty else {
            throw InputError(file: history, reason: "no history yet (record baselines with 'lens-gate baseline update')",
                             exitStatus: .noBaseline)
        }
        let targets = try metric.isEmpty
            ? [Metric.ttftMs, .itlMs, .tpotMs, .e2eMs].flatMap { [MetricStatistic($0, .quantile(0.5)), MetricStatistic($0, .quantile(0.95))] }
            : metric.map { try MetricStatistic(parsing: $0) }
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
    }
}
