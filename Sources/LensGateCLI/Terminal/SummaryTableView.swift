import Bench
import Foundation

/// Lays out the end-of-run summary as an aligned text table.
enum SummaryTableView {
    /// The table text (no trailing newline); "–" marks figures that were not measured. The last
    /// column says where output token counts came from (server usage, the server's tokenizer, or
    /// counted); a `goodput` column before it appears when some scenario ran under an SLO.
    static func render(_ summary: RunSummary) -> String {
        let showsGoodput = summary.rows.contains { $0.goodput != nil }
        let header =
            [
                "scenario", "requests", "failed", "ttft p50", "ttft p95", "itl p50", "e2e p50", "e2e p95", "req/s", "out tok/s",
                "cost $",
            ] + (showsGoodput ? ["goodput"] : []) + ["tokens from"]
        func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "–" }
        func rate(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }
        let rows = summary.rows.map { row in
            [
                Console.singleLine(row.scenario), "\(row.requests)", "\(row.failed)", ms(row.ttftP50), ms(row.ttftP95), ms(row.itlP50),
                ms(row.e2eP50),
                ms(row.e2eP95), rate(row.requestThroughput), rate(row.outputThroughput),
                row.costUSD.map { String(format: "%.4f", $0) } ?? "–",
            ] + (showsGoodput ? [row.goodput.map { String(format: "%.1f%%", $0 * 100) } ?? "–"] : []) + [
                row.tokenSource?.rawValue ?? "–"
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.enumerated().map { index, cells in
            let line = cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == header.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}
