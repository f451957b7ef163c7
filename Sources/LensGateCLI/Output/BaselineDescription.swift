import Gate
import LensCore

/// The text of `lens-gate baseline show`.
struct BaselineDescription {
    var results: Results
    var history: [HistoryEntry]
    var historyPath: String

    /// The per-metric trend covers at most this many of the newest runs: the history's own
    /// default bound. Theil–Sen's cost grows with the square of the runs, and over a whole
    /// hand-made history of 3,000 lines the description took 15 s.
    static let trendWindow = HistoryFile.defaultLimit

    var text: String {
        var lines: [String] = []
        let run = results.run
        lines.append(
            "recorded: \(run.startedAt ?? "unknown") · commit \(run.git?.commit ?? "unknown") · lens-gate \(run.toolVersion ?? "unknown")")
        lines.append("config digest: \(run.configFingerprint ?? "none") · hardware: \(run.host?.hardwareTag ?? "untagged")")
        lines.append("history: \(history.count) runs in \(historyPath)")
        let summary = HistoryEntry(summarizing: results)
        let recent = Array(history.suffix(Self.trendWindow))
        for scenario in results.scenarios {
            lines.append("")
            var heading = "scenario \(scenario.name)"
            if let target = scenario.target { heading += " · target \(target)" }
            if let workload = scenario.workload { heading += " · workload \(workload)" }
            if let counts = scenario.counts { heading += " · \(counts.requests) requests, \(counts.failed) failed" }
            lines.append(heading)
            for metric in scenario.availableMetrics {
                guard let metricSummary = summary.summary(scenario.name, metric) else { continue }
                var line = "  \(metric.name.padding(to: 20))"
                if metric.granularity == .perScenario {
                    line += Notation.value(metricSummary.mean, metric)
                } else {
                    line += "n=\(metricSummary.count)  p50 \(metricSummary.p50.map { Notation.value($0, metric) } ?? "–")"
                    line += "  p95 \(metricSummary.p95.map { Notation.value($0, metric) } ?? "–")"
                    line += "  mean \(Notation.value(metricSummary.mean, metric))"
                }
                let series = HistoryEntry.series(recent, scenario: scenario.name, target: MetricStatistic(metric, .quantile(0.5)))
                if series.count >= 3 {
                    let trend = Trend(scenario: scenario.name, target: MetricStatistic(metric, .quantile(0.5)), values: series)
                    if let slope = trend.slopePercentPerRun { line += "  trend \(Notation.percent(slope))/run" }
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
