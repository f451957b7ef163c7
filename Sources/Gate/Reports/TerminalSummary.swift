import LensCore

/// Renders a verdict as a plain text table for a terminal: the same rows as the Markdown summary
/// (most important first) without Markdown syntax, HTML entities or collapsed sections, fitted
/// to the terminal's width (less important columns are dropped first, then long cells shortened).
public struct TerminalSummary: Sendable {
    /// The terminal's width in columns.
    public var width: Int
    /// Each scenario's goodput and its SLO, listed under the table.
    public var goodput: [GoodputNote] = []

    /// The narrowest layout attempted; below it, lines simply wrap.
    static let minimumWidth = 40

    /// Creates a renderer for a terminal `width` columns wide.
    public init(width: Int) { self.width = max(width, Self.minimumWidth) }

    /// The text (ends with a newline).
    public func render(_ verdict: Verdict) -> String {
        let mark = !verdict.passed ? "✗" : (verdict.warnings.isEmpty && verdict.baselineProblem == nil ? "✓" : "!")
        var lines = ["\(mark) \(verdict.headline)"]
        lines += verdict.notices.map { "  ! " + $0 }
        if let shift = verdict.suiteShift, shift.failsGate || abs(shift.percent) >= 1 {
            lines.append("  \(shift.failsGate ? "✗" : "~") shared shift \(Notation.percent(shift.percent)): \(shift.message)")
        }
        let ranking = MarkdownSummary()
        let ordered = verdict.checks.enumerated().sorted { a, b in
            let (ra, rb) = (ranking.rank(a.element), ranking.rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        if !ordered.isEmpty {
            lines.append("")
            lines += table(ordered.map(cells))
        }
        if !goodput.isEmpty { lines.append("") }
        lines += goodput.map { InertText.singleLine("  goodput — \($0.scenario): \($0.text)") }
        return lines.map { Self.trimmedRight($0) }.joined(separator: "\n") + "\n"
    }

    /// Column titles; the order in which columns are dropped when the table is too wide is `dropOrder`.
    static let header = ["", "Scenario", "Check", "Baseline", "Current", "Change", "p", "Detects ≥"]
    static let dropOrder = [7, 6, 3]
    /// Columns shortened (in this order) when dropping is not enough, and their narrowest width.
    static let shrinkOrder = [(column: 5, minimum: 12), (column: 2, minimum: 12), (column: 1, minimum: 8)]
    static let rightAligned: Set<Int> = [3, 4, 6, 7]
    static let gap = "  "

    /// Lays rows out under the header, fitted to `width`.
    func table(_ rows: [[String]]) -> [String] {
        var columns = Array(Self.header.indices)
        let all = [Self.header] + rows
        var widths = Self.header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func total() -> Int { columns.map { widths[$0] }.reduce(0, +) + Self.gap.count * (columns.count - 1) }
        for column in Self.dropOrder where total() > width { columns.removeAll { $0 == column } }
        for (column, minimum) in Self.shrinkOrder where total() > width {
            widths[column] = max(minimum, widths[column] - (total() - width))
        }
        return all.map { cells in
            columns.map { column in
                let cell = Self.fitted(cells[column], to: widths[column])
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return Self.rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: Self.gap)
        }
    }

    /// One row's cells, in the header's order.
    func cells(_ check: Check) -> [String] {
        let figures = CheckFigures(check) { $0 }
        return [
            Self.mark(check), check.scenario, check.name, figures.baseline, figures.current, figures.change, figures.p, figures.detects,
        ].map(InertText.singleLine)
    }

    /// A one-character status: ✗ failed, ! warning, ? not judged, ↑ improved, ✓ passed, – skipped.
    static func mark(_ check: Check) -> String {
        switch (check.outcome, check.severity) {
        case (.regressed, .error): "✗"
        case (.regressed, .warning): "!"
        case (.unmeasured, _): "?"
        case (.improved, _): "↑"
        case (.passed, _): "✓"
        case (.skipped, _): "–"
        }
    }

    /// The cell cut to `width` characters with an ellipsis when longer.
    static func fitted(_ text: String, to width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    static func trimmedRight(_ line: String) -> String {
        String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
}
