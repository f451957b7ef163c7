import Gate
import LensCore

/// A baseline history as `trend`, `baseline show` and `check --history` read it (one JSON object
/// per line), then the trends, their reports, and a verdict that uses the history's noise model
/// and trend rules.
public enum HistoryTarget {
    @Sendable public static func run(_ bytes: [UInt8]) {
        var entries: [HistoryEntry] = []
        for line in bytes.split(separator: 0x0A) {
            // As HistoryFile.load, which refuses the whole file at the first bad line.
            guard let node = try? JSONParser.parse(Array(line)), let entry = try? HistoryEntry(json: node) else { return }
            entries.append(entry)
        }
        GatePipeline.requireRoundTrip(HistoryFile.encode(entries), what: "history") { bytes in
            for line in bytes.split(separator: 0x0A) { _ = try HistoryEntry(json: try JSONParser.parse(Array(line))) }
        }
        let targets = Metric.builtIns.flatMap { metric in
            [
                MetricStatistic(metric, .quantile(0.5)), MetricStatistic(metric, .quantile(0.95)), MetricStatistic(metric, .mean),
                MetricStatistic(metric, .geometricMean),
            ]
        }
        var trends: [Trend] = []
        for scenario in Set(entries.flatMap(\.scenarios.keys)).sorted() {
            for target in targets {
                let series = HistoryEntry.series(Array(entries.suffix(1_000)), scenario: scenario, target: target)
                if !series.isEmpty { trends.append(Trend(scenario: scenario, target: target, values: series)) }
            }
        }
        let report = TrendReport(trends: trends, window: 8)
        _ = report.text
        _ = report.markdown
        GatePipeline.judge(GatePipeline.reference, baseline: GatePipeline.reference, history: entries)
    }
}
