/// Reads one sample line of an exposition page, byte by byte, without copying the page.
///
/// The grammar is the union of Prometheus text format 0.0.4 and OpenMetrics 1.0: a metric name
/// (`[a-zA-Z_:][a-zA-Z0-9_:]*`), an optional `{label="value",...}` set (a trailing comma and
/// spaces around tokens allowed), a value, an optional timestamp and an optional exemplar
/// (` # {labels} value [timestamp]`). A failure says what is wrong; the parser adds the line.
struct SampleLineScanner {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    private let maxLabels: Int

    /// A scanner over `bytes[start..<end]` (one line, its line break removed).
    init(_ bytes: [UInt8], from start: Int, to end: Int, maxLabels: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
        self.maxLabels = maxLabels
    }

    /// The sample on the line.
    mutating func sample(line: Int) -> Result<ExpositionSample, ScanFailure> {
        skipSpaces()
        guard let name = metricName() else { return .failure(ScanFailure("expected a metric name at the start of the line")) }
        var spaced = skipSpaces()
        var labels: [ExpositionSample.Label] = []
        if peek == UInt8(ascii: "{") {
            switch labelSet() {
            case .success(let set): labels = set
            case .failure(let failure): return .failure(ScanFailure("\(name): \(failure.reason)"))
            }
            spaced = skipSpaces()
        }
        guard spaced > 0 || atEnd else { return .failure(ScanFailure("\(name): expected a space before the value")) }
        guard let value = number() else { return .failure(ScanFailure("\(name): expected a value (a number, NaN, +Inf or -Inf)")) }
        skipSpaces()
        var timestamp: Double?
        if !atEnd, peek != UInt8(ascii: "#") {
            guard let stamp = number(), stamp.isFinite else {
                return .failure(ScanFailure("\(name): expected a timestamp or the end of the line after the value"))
            }
            timestamp = stamp
            skipSpaces()
        }
        var exemplar: ExpositionSample.Exemplar?
        if peek == UInt8(ascii: "#") {
            index += 1
            switch self.exemplar() {
            case .success(let found): exemplar = found
            case .failure(let failure): return .failure(ScanFailure("\(name): exemplar: \(failure.reason)"))
            }
        }
        guard atEnd else { return .failure(ScanFailure("\(name): unexpected text after the value")) }
        return .success(ExpositionSample(name: name, labels: labels, value: value, timestamp: timestamp, exemplar: exemplar, line: line))
    }

    /// The next whitespace-separated token (for `# HELP`/`# TYPE` lines), or nil at the end.
    mutating func token() -> String? {
        skipSpaces()
        let start = index
        while index < end, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\t") { index += 1 }
        return start == index ? nil : String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The rest of the line after one separating space, with `\\` and `\n` escapes resolved (HELP text).
    mutating func restUnescaped() -> String {
        if index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(end - index)
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\\"), index < end {
                let next = bytes[index]
                index += 1
                switch next {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                default: out += [byte, next]
                }
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a metric name is valid: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isMetricName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isNameStart(first, colon: true) else { return false }
        return text.utf8.allSatisfy { isNameByte($0, colon: true) }
    }

    // MARK: - Pieces

    private var atEnd: Bool { index >= end }
    private var peek: UInt8? { index < end ? bytes[index] : nil }

    @discardableResult
    private mutating func skipSpaces() -> Int {
        let start = index
        while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index - start
    }

    private static func isNameStart(_ byte: UInt8, colon: Bool) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || (colon && byte == UInt8(ascii: ":"))
    }

    private static func isNameByte(_ byte: UInt8, colon: Bool) -> Bool {
        isNameStart(byte, colon: colon) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private mutating func name(colon: Bool) -> String? {
        guard index < end, Self.isNameStart(bytes[index], colon: colon) else { return nil }
        let start = index
        while index < end, Self.isNameByte(bytes[index], colon: colon) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func metricName() -> String? { name(colon: true) }

    /// `{name="value", ...}`, the opening brace at `index`.
    private mutating func labelSet() -> Result<[ExpositionSample.Label], ScanFailure> {
        index += 1
        var labels: [ExpositionSample.Label] = []
        while true {
            skipSpaces()
            if peek == UInt8(ascii: "}") {
                index += 1
                return .success(labels)
            }
            guard let label = name(colon: false) else {
                return .failure(ScanFailure(atEnd ? "the label set is not closed with }" : "expected a label name or }"))
            }
            skipSpaces()
            guard peek == UInt8(ascii: "=") else { return .failure(ScanFailure("expected = after label \(label)")) }
            index += 1
            skipSpaces()
            guard peek == UInt8(ascii: "\"") else { return .failure(ScanFailure("expected a quoted value for label \(label)")) }
            index += 1
            guard let value = quoted() else { return .failure(ScanFailure("the value of label \(label) is not closed with \"")) }
            guard !labels.contains(where: { $0.name == label }) else { return .failure(ScanFailure("label \(label) appears twice")) }
            guard labels.count < maxLabels else { return .failure(ScanFailure("more than \(maxLabels) labels")) }
            labels.append(ExpositionSample.Label(label, value))
            skipSpaces()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): continue
            default: return .failure(ScanFailure("expected , or } after the value of label \(label)"))
            }
        }
    }

    /// The body of a quoted label value after its opening quote, escapes resolved; nil when unterminated.
    private mutating func quoted() -> String? {
        var out: [UInt8] = []
        while index < end {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < end else { return nil }
                let next = bytes[index]
                index += 1
                switch next {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(next)
                // Other escapes are kept as written, as Prometheus's own parser does.
                default: out += [byte, next]
                }
            default:
                out.append(byte)
            }
        }
        return nil
    }

    /// A number token: decimal or exponent notation, `NaN`, `Inf` with an optional sign.
    private mutating func number() -> Double? {
        let start = index
        while index < end, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\t") { index += 1 }
        guard start < index, index - start <= 64 else { return nil }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // Only the characters of decimal numbers and of NaN/Inf spellings: Swift's parser also
        // reads hexadecimal floats, which neither format allows.
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        if allowed { return Double(text) }
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// ` {labels} value [timestamp]` after an exemplar's `#`.
    private mutating func exemplar() -> Result<ExpositionSample.Exemplar, ScanFailure> {
        skipSpaces()
        guard peek == UInt8(ascii: "{") else { return .failure(ScanFailure("expected { after #")) }
        let labels: [ExpositionSample.Label]
        switch labelSet() {
        case .success(let set): labels = set
        case .failure(let failure): return .failure(failure)
        }
        skipSpaces()
        guard let value = number() else { return .failure(ScanFailure("expected a value")) }
        skipSpaces()
        var timestamp: Double?
        if !atEnd {
            guard let stamp = number(), stamp.isFinite else { return .failure(ScanFailure("expected a timestamp or the end of the line")) }
            timestamp = stamp
            skipSpaces()
        }
        return .success(ExpositionSample.Exemplar(labels: labels, value: value, timestamp: timestamp))
    }
}

/// Why a line could not be scanned (the parser adds the line number).
struct ScanFailure: Error, Equatable {
    /// What is wrong.
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
