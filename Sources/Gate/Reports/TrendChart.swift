import LensCore

/// A Mermaid `xychart-beta` line chart of a series, with a plain table as fallback for viewers
/// that do not render Mermaid (or this chart type).
enum TrendChart {
    /// Mermaid's chart is unreadable past this many points; the history is bounded anyway.
    static let maximumPoints = 60

    /// The chart and its table for `values` (oldest first; the newest `maximumPoints` are shown).
    static func markdown(title: String, unit: String, values: [Double]) -> String {
        let points = Array(values.suffix(maximumPoints))
        // Plain decimals only: Mermaid's xychart-beta fails to render on exponent notation (4.000e-07).
        let formatted = points.map { Notation.plain($0, digits: 4) }
        // Mermaid titles are quoted strings: keep quotes and backslashes out.
        let safeTitle = title.filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }
        var text = "```mermaid\nxychart-beta\n"
        text += "    title \"\(safeTitle)\"\n"
        text += "    x-axis [" + points.indices.map { String($0 + 1) }.joined(separator: ", ") + "]\n"
        text += "    y-axis \"\(unit)\"\n"
        text += "    line [" + formatted.joined(separator: ", ") + "]\n```\n\n"
        text += "| run | " + points.indices.map { String($0 + 1) }.joined(separator: " | ") + " |\n"
        text += "|---|" + points.indices.map { _ in "--:" }.joined(separator: "|") + "|\n"
        text += "| \(unit) | " + formatted.joined(separator: " | ") + " |\n"
        return text
    }
}
