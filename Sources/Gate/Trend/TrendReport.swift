import LensCore

/// The output of `lens-gate trend`: a text table and a Markdown report with charts.
public struct TrendReport: Sendable {
    /// The analysed series.
    public var trends: [Trend]
    /// The window used.
    public var window: Int

    /// Creates a report.
    public init(trends: [Trend], window: Int) {
        self.trends = trends
        self.window = window
    }

    private func row(_ trend: Trend) -> [String] {
        let slope = trend.slopePercentPerRun.map { Notation.percent($0) + "/run" } ?? "–"
        let interval = trend.slopeInterval.map(Notation.interval) ?? ""
        let p = trend.mannKendallPWorse.map(Notation.pValue) ?? (trend.undefinedReason ?? "–")
        let last = trend.values.last.map { Notation.value($0, trend.target.metric) } ?? "–"
        return [trend.scenario, trend.target.description, "\(trend.values.count)", last, slope, interval, p]
    }

    /// A plain text table for the terminal.
    public var text: String {
        let header = ["scenario", "metric", "runs", "latest", "slope", "95% interval", "worsening"]
        let rows = [header] + trends.map(row)
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Markdown with a table and one chart per series (up to ten).
    public var markdown: String {
        var text = "### lens-gate trends (last \(window) runs)\n\n"
        text += "| Scenario | Check | Runs | Latest | Slope | 95% interval | Worsening |\n|---|---|--:|--:|--:|---|---|\n"
        for trend in trends {
            text += "| " + row(trend).map(MarkdownEscaping.inline).joined(separator: " | ") + " |\n"
        }
        for trend in trends.prefix(10) where trend.values.count >= 2 {
            text += "\n" + TrendChart.markdown(title: "\(trend.target) · \(trend.scenario)",
                                               unit: trend.target.metric.unit.rawValue, values: trend.values)
        }
        return text
    }
}
