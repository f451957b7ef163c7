import LensCore

/// The output of `lens-gate trend`: a text table, a Markdown report with charts, and JSON.
///
/// Each row shows what `Trend` computes: the Theil–Sen slope with its interval, Kendall's τ with
/// Mann–Kendall's two-sided and worse-direction p-values, and the OLS slope with its two-sided
/// p-value, to three significant digits (the JSON has full precision).
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

    /// The column titles of the text and Markdown tables.
    static let header = [
        "scenario", "metric", "runs", "latest", "slope", "95% interval", "τ", "p", "p worse",
        "OLS slope", "OLS p", "note",
    ]

    private func row(_ trend: Trend) -> [String] {
        let slope = trend.slopePercentPerRun.map { Self.percent($0) + "/run" } ?? "–"
        let interval =
            trend.slopeInterval.map {
                "[\(Self.percent($0.lowerBound, sign: true, unit: false)), \(Self.percent($0.upperBound, sign: true, unit: false))]"
            } ?? "–"
        let tau = trend.kendallTau.map { String(format: "%+.3f", $0) } ?? "–"
        let p = trend.mannKendallPTwoSided.map(Self.probability) ?? "–"
        let pWorse = trend.mannKendallPWorse.map(Self.probability) ?? "–"
        let ols = trend.olsSlopePercentPerRun.map { Self.percent($0) + "/run" } ?? "–"
        let olsP = trend.olsPValue.map(Self.probability) ?? "–"
        let last = trend.values.last.map { Notation.value($0, trend.target.metric) } ?? "–"
        return [
            trend.scenario, trend.target.description, "\(trend.values.count)", last, slope, interval, tau, p, pWorse,
            ols, olsP, trend.undefinedReason ?? "",
        ]
    }

    /// A plain text table for the terminal.
    public var text: String {
        let rows = [Self.header] + trends.map(row)
        let widths = Self.header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let legend =
            "slope: Theil–Sen, % of the mean per run · τ: Kendall's tau · p: Mann–Kendall, two-sided · "
            + "p worse: Mann–Kendall, worse direction · OLS: least squares, two-sided p"
        return rows.map { row in
            row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n\n" + legend
    }

    /// Markdown with a table and one chart per series (up to ten).
    public var markdown: String {
        var text = "### lens-gate trends (last \(window) runs)\n\n"
        text += "| Scenario | Check | Runs | Latest | Slope | 95% interval | τ | p | p worse | OLS slope | OLS p | Note |\n"
        text += "|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|---|\n"
        for trend in trends {
            text += "| " + row(trend).map(MarkdownEscaping.inline).joined(separator: " | ") + " |\n"
        }
        text +=
            "\nSlope: Theil–Sen, % of the mean per run, with its 95% interval. τ: Kendall's tau. "
            + "p: Mann–Kendall, two-sided; p worse: in the worse direction. OLS: least-squares slope and its two-sided p.\n"
        for trend in trends.prefix(10) where trend.values.count >= 2 {
            text +=
                "\n"
                + TrendChart.markdown(
                    title: "\(trend.target) · \(trend.scenario)",
                    unit: trend.target.metric.unit.rawValue, values: trend.values)
        }
        return text
    }

    /// `+0.312%`: three significant digits, signed.
    static func percent(_ value: Double, sign: Bool = true, unit: Bool = true) -> String {
        let magnitude = Notation.significant(abs(value), digits: 3)
        let prefix = value < 0 && magnitude != "0" ? "-" : (sign ? "+" : "")
        return prefix + magnitude + (unit ? "%" : "")
    }

    /// `0.0312`, `1`, `4.12e-06`: three significant digits, exponent only below 0.001.
    static func probability(_ p: Double) -> String {
        p >= 0.001 || p == 0 ? Notation.significant(p, digits: 3) : String(format: "%.2e", p)
    }
}

extension TrendReport {
    /// The schema version of the trend document.
    public static let jsonSchemaVersion = 1

    /// The report as JSON (`lens-gate trend --json FILE`): every series with its values and statistics.
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object["schema_version"] = .integer(Self.jsonSchemaVersion)
        object["window"] = .integer(window)
        object["trends"] = .array(trends.map { JSONNode($0.json) })
        return object.value
    }
}

extension Trend {
    /// One series as JSON; statistics that could not be computed are absent.
    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["scenario"] = .string(scenario)
        object["check"] = .string(target.description)
        object["metric"] = .string(target.metric.name)
        object["statistic"] = .string(target.statistic.description)
        object["runs"] = .integer(values.count)
        object["values"] = .numbers(values)
        var theilSen = JSONObjectBuilder()
        theilSen["slope_pct_per_run"] = slopePercentPerRun.map { .number($0) }
        theilSen["interval"] = slopeInterval.map { .numbers([$0.lowerBound, $0.upperBound]) }
        theilSen["confidence"] = .number(confidence)
        object["theil_sen"] = theilSen.value
        var mannKendall = JSONObjectBuilder()
        mannKendall["tau"] = kendallTau.map { .number($0) }
        mannKendall["p_two_sided"] = mannKendallPTwoSided.map { .number($0) }
        mannKendall["p_worse"] = mannKendallPWorse.map { .number($0) }
        object["mann_kendall"] = mannKendall.value
        var ols = JSONObjectBuilder()
        ols["slope_pct_per_run"] = olsSlopePercentPerRun.map { .number($0) }
        ols["p_two_sided"] = olsPValue.map { .number($0) }
        object["ols"] = ols.value
        object["undefined_reason"] = undefinedReason.map { .string($0) }
        return object.value
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
