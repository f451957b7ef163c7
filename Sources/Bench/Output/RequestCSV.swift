import LensCore

/// The per-request CSV export: one row per request of every scenario, warmup included and flagged.
///
/// Times are milliseconds from the intended send; empty cells mean "not measured". `block` is the
/// randomized block of an interleaved A/B request (empty otherwise and for warmup). The file
/// holds no header values or credentials. Text cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a CR) are written as text: prefixed with `'` and
/// quoted, as OWASP's CSV-injection guidance says; numeric columns are always plain numbers.
public enum RequestCSV {
    /// The header row's columns.
    public static let columns = [
        "scenario", "index", "warmup", "intended_send_ms", "send_lag_ms", "status", "error", "ttfb_ms", "ttft_ms", "e2e_ms",
        "tpot_ms", "itl_mean_ms", "input_tokens", "output_tokens", "token_source", "chunks", "cost_usd", "server_request_id",
        "block",
    ]

    /// The CSV text (UTF-8 bytes, LF line ends) of the recordings.
    public static func encode(_ recordings: [ScenarioRecording]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + recordings.reduce(0) { $0 + $1.log.count * 120 })
        out.append(contentsOf: columns.joined(separator: ",").utf8)
        out.append(0x0A)
        for recording in recordings {
            var name: [UInt8] = []
            appendField(recording.plan.scenario.name, to: &name)
            let price = recording.plan.price
            for index in 0..<recording.log.count {
                let record = recording.log[index]
                out.append(contentsOf: name)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: String(index).utf8)
                out.append(contentsOf: (record.isWarmup ? ",1," : ",0,").utf8)
                number(Double(record.intendedOffsetNs) / 1e6, &out)
                comma(&out)
                number(Double(record.sendLagMs), &out)
                comma(&out)
                if record.status > 0 { out.append(contentsOf: String(record.status).utf8) }
                comma(&out)
                out.append(contentsOf: (record.error?.rawValue ?? "").utf8)
                comma(&out)
                number(Double(record.ttfbMs), &out)
                comma(&out)
                number(Double(record.ttftMs), &out)
                comma(&out)
                number(Double(record.e2eMs), &out)
                comma(&out)
                if record.succeeded, !record.ttftMs.isNaN, record.outputTokens > 1 {
                    number(Double(record.e2eMs - record.ttftMs) / Double(record.outputTokens - 1), &out)
                }
                comma(&out)
                let gaps = recording.log.gaps(of: index)
                if !gaps.isEmpty { number(Double(gaps.reduce(0, +)) / Double(gaps.count), &out) }
                comma(&out)
                out.append(contentsOf: String(record.inputTokens).utf8)
                comma(&out)
                out.append(contentsOf: String(record.outputTokens).utf8)
                comma(&out)
                if record.succeeded { out.append(contentsOf: record.outputTokenSource.rawValue.utf8) }
                comma(&out)
                out.append(contentsOf: String(record.chunks).utf8)
                comma(&out)
                if let price, record.succeeded {
                    number(price.cost(inputTokens: Int(record.inputTokens), outputTokens: Int(record.outputTokens)), &out)
                }
                comma(&out)
                if record.serverRequestID >= 0 { out.append(contentsOf: String(record.serverRequestID).utf8) }
                comma(&out)
                if record.block >= 0 { out.append(contentsOf: String(record.block).utf8) }
                out.append(0x0A)
            }
        }
        return out
    }

    private static func comma(_ out: inout [UInt8]) { out.append(UInt8(ascii: ",")) }

    /// Writes a finite number (at most 4 decimals, which is below the clock's resolution in ms); NaN stays empty.
    private static func number(_ value: Double, _ out: inout [UInt8]) {
        guard value.isFinite else { return }
        let rounded = (value * 10_000).rounded() / 10_000
        JSONWriter.appendNumber(rounded, to: &out)
    }

    /// The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
    static let formulaTriggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// Writes a text field: a would-be formula is prefixed with `'` and quoted; a field with a
    /// comma, quote or line break is quoted (RFC 4180).
    static func appendField(_ text: String, to out: inout [UInt8]) {
        let formula = text.utf8.first.map(formulaTriggers.contains) ?? false
        guard formula || text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        if formula { out.append(UInt8(ascii: "'")) }
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
