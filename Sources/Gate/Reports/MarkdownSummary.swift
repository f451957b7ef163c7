import LensCore

/// Renders a verdict as the Markdown summary for a pull request or a CI job page.
///
/// The verdict line comes first, then one table row per check (most important first, so that
/// truncation drops the least important rows), then collapsed details. The whole text stays
/// under `maximumLength` UTF-8 bytes (GitHub's limit for a comment is 65,536 characters).
public struct MarkdownSummary: Sendable {
    /// GitHub's documented maximum size of an issue or pull-request comment body.
    public static let gitHubCommentLimit = 65_536
    /// Trend charts shown at most; more would drown the summary.
    static let maximumCharts = 10

    /// The title shown before the verdict, e.g. the config name.
    public var title: String?
    /// The byte budget for the whole document.
    public var maximumLength: Int
    /// Where the full report can be read when rows had to be cut (e.g. the job summary URL).
    public var fullReportHint: String?
    /// Where each scenario's output token counts came from, in run order (stated in the details).
    public var tokenSources: [(scenario: String, source: TokenSource)] = []
    /// Each scenario's goodput and the SLO it was measured under, in run order (stated in the details).
    public var goodput: [GoodputNote] = []

    /// Creates a renderer.
    public init(title: String? = nil, maximumLength: Int = MarkdownSummary.gitHubCommentLimit, fullReportHint: String? = nil) {
        self.title = title
        self.maximumLength = maximumLength
        self.fullReportHint = fullReportHint
    }

    /// The Markdown text.
    public func render(_ verdict: Verdict) -> String {
        let verdictIcon = !verdict.passed ? "❌" : (verdict.warnings.isEmpty && verdict.baselineProblem == nil ? "✅" : "⚠️")
        var head = "### \(verdictIcon) \(verdict.headline)\n\n"
        if let title { head = "**\(MarkdownEscaping.inline(title))**\n\n" + head }
        var status: [String] = verdict.notices.map { "⚠️ \(MarkdownEscaping.inline($0))" }
        if let shards = verdict.shardCount {
            status.append("🧩 Results merged from \(shards) shard\(shards == 1 ? "" : "s") (lens-gate merge)")
        }
        if let shift = verdict.suiteShift, shift.failsGate || abs(shift.percent) >= 1 {
            status.append(
                "\(shift.failsGate ? "❌" : "〰️") **Shared shift** \(shiftNotation(shift)): \(MarkdownEscaping.inline(shift.message))")
        }
        if let sensitivity = verdict.sensitivity {
            status.append("🔎 " + sensitivityLine(sensitivity))
        }
        let failing = verdict.checks.filter(\.failsGate)
        for check in failing.prefix(5) { status.append("\(icon(for: check)) \(sentence(check))") }
        if failing.count > 5 { status.append("… and \(failing.count - 5) more") }
        // One paragraph per status line: CommonMark joins consecutive quoted lines into one
        // paragraph (a soft break renders as a space), so an empty quoted line separates them.
        if !status.isEmpty { head += status.map { "> " + $0 }.joined(separator: "\n>\n") + "\n" }
        // A blank line ends the quote; without it the table's first row would continue the quote.
        if !status.isEmpty || verdict.suiteShift != nil { head += "\n" }

        let tableHeader = """
            | | Scenario | Check | Baseline | Current | Change | p | Detects ≥ |
            |:-:|---|---|--:|--:|---|--:|--:|

            """
        let ordered = verdict.checks.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        let rows = ordered.map(row)
        let details = trends(verdict) + self.details(verdict)
        let footerReserve = 400
        var body = tableHeader
        var used = head.utf8.count + tableHeader.utf8.count + footerReserve
        var shown = 0
        for row in rows {
            let cost = row.utf8.count + 1
            if used + cost > maximumLength { break }
            body += row + "\n"
            used += cost
            shown += 1
        }
        var text = head + body
        if shown < rows.count {
            let hint = fullReportHint.map { " See \($0) for the full report." } ?? " The JSON verdict has every check."
            text += "\n_\(rows.count - shown) of \(rows.count) checks not shown to stay under \(maximumLength) characters.\(hint)_\n"
        } else if text.utf8.count + details.utf8.count + 1 <= maximumLength {
            text += "\n" + details
        }
        return text
    }

    /// "This run could detect ≥ 4.2% on ttft_ms.p50 (chat-short); the least sensitive check, ≥ 31% on ttft_ms.p95 (chat-long)."
    private func sensitivityLine(_ sensitivity: (best: Check, worst: Check)) -> String {
        func describe(_ check: Check) -> String {
            let limit = Notation.percent(check.change?.detectionLimitPercent ?? 0).dropFirst()
            return "≥ \(limit) on \(MarkdownEscaping.inline(check.name)) (\(MarkdownEscaping.inline(check.scenario)))"
        }
        var text = "This run could detect \(describe(sensitivity.best))"
        if sensitivity.worst != sensitivity.best { text += "; the least sensitive check, \(describe(sensitivity.worst))" }
        return text + " (80% power)."
    }

    private func shiftNotation(_ shift: SuiteShift) -> String {
        var text = Notation.percent(shift.percent)
        if let interval = shift.interval { text += " " + Notation.interval(interval) }
        if let p = shift.pWorse { text += " " + Notation.pValue(p) }
        return text
    }

    /// Failing rows first, then the ones to look at, then the quiet ones.
    func rank(_ check: Check) -> Int {
        switch (check.outcome, check.severity) {
        case (.regressed, .error): 0
        case (.unmeasured, .error): 1
        case (.regressed, .warning): 2
        case (.unmeasured, .warning): 3
        case (.improved, _): 4
        case (.passed, _): 5
        case (.skipped, _): 6
        }
    }

    private func icon(for check: Check) -> String {
        switch (check.outcome, check.severity) {
        case (.regressed, .error): "❌"
        case (.regressed, .warning): "⚠️"
        case (.unmeasured, _): "❓"
        case (.improved, _): "🚀"
        case (.passed, _): "✅"
        case (.skipped, _): "⏭️"
        }
    }

    /// Charts of the trend checks (at most `maximumCharts`), most worrying first.
    private func trends(_ verdict: Verdict) -> String {
        let trendChecks = verdict.checks.filter { $0.kind == .trend && ($0.series?.count ?? 0) >= 2 }
            .sorted { rank($0) < rank($1) }
        guard !trendChecks.isEmpty else { return "" }
        var text = "<details><summary>Trends over the baseline history (current run last)</summary>\n\n"
        for check in trendChecks.prefix(MarkdownSummary.maximumCharts) {
            let title = "\(check.target) · \(check.scenario)"
            text += "**\(MarkdownEscaping.inline(title))** — \(MarkdownEscaping.inline(check.message))\n\n"
            text += TrendChart.markdown(title: title, unit: check.target.metric.unit.rawValue, values: check.series ?? [])
            text += "\n"
        }
        return text + "</details>\n"
    }

    private func sentence(_ check: Check) -> String {
        "**\(MarkdownEscaping.inline(check.name))** in \(MarkdownEscaping.inline(check.scenario)): \(MarkdownEscaping.inline(check.message))"
    }

    private func row(_ check: Check) -> String {
        let figures = CheckFigures(check, message: MarkdownEscaping.inline)
        let cells = [
            icon(for: check), MarkdownEscaping.inline(check.scenario), MarkdownEscaping.inline(check.name),
            figures.baseline, figures.current, figures.change, figures.p, figures.detects,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// How a token source reads in the details.
    private static func describe(_ source: TokenSource) -> String {
        switch source {
        case .server: "server usage"
        case .tokenizer: "counted by the server's tokenizer"
        case .counted: "counted by lens-gate from chunks (approximate)"
        case .mixed: "mixed sources"
        }
    }

    private func details(_ verdict: Verdict) -> String {
        var lines: [String] = ["<details><summary>How this was decided</summary>", ""]
        let comparisons = verdict.checks.filter { $0.kind == .comparison && $0.change?.pWorse != nil }.count
        let correction =
            switch verdict.correction {
            case .holm: "Holm's correction across \(comparisons) tested comparisons (controls the chance of any false alarm)"
            case .bh: "Benjamini–Hochberg across \(comparisons) tested comparisons (controls the share of false alarms)"
            case .none: "no multiple-testing correction"
            }
        lines.append(
            "- A comparison fails only when the change is worse than its threshold **and** statistically significant; \(correction).")
        lines.append(
            "- Change is `current / baseline − 1` with its confidence interval; `~` marks a change that is not significant. Significant is not the same as large."
        )
        if verdict.checks.contains(where: { $0.change?.afterSharedShiftPercent != nil }) {
            lines.append(
                "- *after shared shift X%*: judged against the baseline history, the change is the check's own, after the shift every check of this run shared (a faster or slower job); Baseline (the history's reference) and Current are raw values."
            )
        }
        lines.append("- *Detects ≥* is the smallest worse-direction change this run could detect with 80% power.")
        if !tokenSources.isEmpty {
            let described = tokenSources.map { "\(MarkdownEscaping.inline($0.scenario)): \(Self.describe($0.source))" }
            lines.append("- Output tokens — " + described.joined(separator: "; ") + ".")
        }
        for note in goodput {
            lines.append("- Goodput — \(MarkdownEscaping.inline(note.scenario)): \(MarkdownEscaping.inline(note.text)).")
        }
        if !verdict.scenariosWithoutBaseline.isEmpty {
            lines.append(
                "- New scenarios without a baseline: "
                    + verdict.scenariosWithoutBaseline.map(MarkdownEscaping.inline).joined(separator: ", ") + ".")
        }
        if !verdict.scenariosMissingFromRun.isEmpty {
            lines.append(
                "- Baseline scenarios missing from this run: "
                    + verdict.scenariosMissingFromRun.map(MarkdownEscaping.inline).joined(separator: ", ") + ".")
        }
        lines.append("")
        for check in verdict.checks where check.outcome != .skipped {
            var line = "- \(icon(for: check)) \(MarkdownEscaping.inline(check.scenario)) · \(MarkdownEscaping.inline(check.name))"
            if let method = check.method { line += " (\(method.rawValue))" }
            line += ": \(MarkdownEscaping.inline(check.message))"
            if !check.notes.isEmpty { line += " — " + check.notes.map(MarkdownEscaping.inline).joined(separator: "; ") }
            lines.append(line)
        }
        lines.append("")
        lines.append("</details>")
        return lines.joined(separator: "\n") + "\n"
    }
}
