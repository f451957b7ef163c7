import LensCore

/// A file of another tool, parsed but not yet interpreted: one JSON (or YAML) document, or JSON
/// lines with their line numbers.
enum ForeignDocument {
    /// One document.
    case single(JSONNode)
    /// One JSON object per line (JSON Lines), each with its 1-based line number.
    case lines([(line: Int, node: JSONNode)])

    /// Parses a file's bytes: JSON first; then JSON Lines when the first line is a whole object
    /// on its own; then YAML, for the tools that write it (GuideLLM).
    static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> ForeignDocument {
        let jsonError: JSONSyntaxError
        do {
            return .single(try JSONParser.parse(bytes))
        } catch {
            jsonError = error
        }
        let firstCharacter = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if firstCharacter == UInt8(ascii: "{"), let records = try jsonLines(bytes, file: file) {
            return .lines(records)
        }
        if firstCharacter != UInt8(ascii: "{"), firstCharacter != UInt8(ascii: "["), let text = String(validating: bytes, as: UTF8.self) {
            do {
                if let root = try YAMLParser.parse(text) { return .single(root.asJSON) }
            } catch {
                throw InputError(file: file, error)
            }
        }
        throw InputError(file: file, position: jsonError.position, reason: "invalid JSON: \(jsonError.reason)")
    }

    /// The records of a JSON Lines file, or nil when its first line is not a whole JSON value
    /// (then it is one multi-line document with a syntax error, reported as such).
    private static func jsonLines(_ bytes: [UInt8], file: String) throws(InputError) -> [(line: Int, node: JSONNode)]? {
        var records: [(line: Int, node: JSONNode)] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            do {
                records.append((lineNumber, try JSONParser.parse(Array(line))))
            } catch {
                if records.isEmpty { return nil }
                let position = TextPosition(line: lineNumber, column: error.position.column)
                throw InputError(file: file, position: position, reason: "invalid JSON on this line: \(error.reason)")
            }
        }
        return records.isEmpty ? nil : records
    }
}

extension YAMLNode {
    /// The same document as JSON: plain scalars that read as numbers, booleans or null become
    /// those; everything else is a string.
    var asJSON: JSONNode {
        switch value {
        case .scalar(let text, let quoted):
            if quoted { return JSONNode(.string(text), at: position) }
            if isNull { return JSONNode(.null, at: position) }
            switch text {
            case "true", "True", "TRUE": return JSONNode(.bool(true), at: position)
            case "false", "False", "FALSE": return JSONNode(.bool(false), at: position)
            default: break
            }
            if let number = Double(text), number.isFinite { return JSONNode(.number(number), at: position) }
            return JSONNode(.string(text), at: position)
        case .sequence(let nodes):
            return JSONNode(.array(nodes.map(\.asJSON)), at: position)
        case .mapping(let entries):
            return JSONNode(.object(entries.map { (key: $0.key, value: $0.value.asJSON) }), at: position)
        }
    }
}
