/// Typed reading of YAML nodes with errors that name the field and its position.
extension YAMLNode {
    /// The node as a mapping reader.
    public func mapping(at path: FieldPath) throws(FieldError) -> YAMLMapping {
        guard case .mapping(let entries) = value else {
            throw FieldError(path, at: position, "expected a mapping, found \(kindName)")
        }
        return YAMLMapping(entries: entries, path: path, position: position)
    }

    /// The items of a sequence.
    public func sequence(at path: FieldPath) throws(FieldError) -> [YAMLNode] {
        guard case .sequence(let items) = value else {
            throw FieldError(path, at: position, "expected a list, found \(kindName)")
        }
        return items
    }

    /// The text of a scalar (any scalar reads as text).
    public func string(at path: FieldPath) throws(FieldError) -> String {
        guard case .scalar(let text, _) = value else {
            throw FieldError(path, at: position, "expected text, found \(kindName)")
        }
        return text
    }

    /// A finite number written as a plain scalar (`10`, `0.05`, `1e-3`; `_` separators allowed).
    public func number(at path: FieldPath) throws(FieldError) -> Double {
        guard case .scalar(let text, let quoted) = value, !quoted,
            let number = Double(text.filter { $0 != "_" }), number.isFinite
        else {
            throw FieldError(path, at: position, "expected a number, found \(describe)")
        }
        return number
    }

    /// A whole number.
    public func integer(at path: FieldPath) throws(FieldError) -> Int {
        let value = try number(at: path)
        guard value == value.rounded(), abs(value) < 9.0e15 else {
            throw FieldError(path, at: position, "expected a whole number, found \(describe)")
        }
        return Int(value)
    }

    /// A number within `range` (see `InputLimits`), or an error naming the range.
    public func number(at path: FieldPath, in range: ValidRange<Double>) throws(FieldError) -> Double {
        let value = try number(at: path)
        guard range.contains(value) else { throw FieldError(path, at: position, range.violation(value)) }
        return value
    }

    /// A whole number within `range` (see `InputLimits`), or an error naming the range.
    public func integer(at path: FieldPath, in range: ValidRange<Int>) throws(FieldError) -> Int {
        let value = try integer(at: path)
        guard range.contains(value) else { throw FieldError(path, at: position, range.violation(value)) }
        return value
    }

    /// `true`/`false` (also `yes`/`no`/`on`/`off`, as YAML 1.1 readers expect).
    public func bool(at path: FieldPath) throws(FieldError) -> Bool {
        if case .scalar(let text, quoted: false) = value {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw FieldError(path, at: position, "expected true or false, found \(describe)")
    }

    /// A scalar that must be one of a closed set of words, with a suggestion when it is not.
    public func choice<Choice: RawRepresentable & CaseIterable>(
        _ type: Choice.Type, at path: FieldPath
    ) throws(FieldError) -> Choice where Choice.RawValue == String {
        let text = try string(at: path)
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        throw FieldError(
            path, at: position,
            "unknown value '\(text)'\(Suggestion.hint(for: text, among: names)); expected one of: \(names.joined(separator: ", "))")
    }

    /// A scalar or a list of scalars, read as a list.
    public func stringList(at path: FieldPath) throws(FieldError) -> [String] {
        if case .scalar(let text, _) = value { return [text] }
        var result: [String] = []
        for (i, item) in try sequence(at: path).enumerated() { result.append(try item.string(at: path.appending(i))) }
        return result
    }

    private var describe: String {
        if case .scalar(let text, _) = value { return "'\(text)'" }
        return kindName
    }
}

/// A YAML mapping being read key by key; unknown keys are rejected with a suggestion.
public struct YAMLMapping: Sendable {
    /// The entries in document order.
    public let entries: [YAMLEntry]
    /// The mapping's own path.
    public let path: FieldPath
    /// Where the mapping starts.
    public let position: TextPosition

    /// Rejects any key not in `allowed`, naming the closest allowed key.
    public func rejectUnknownKeys(allowed: [String]) throws(FieldError) {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Suggestion.hint(for: entry.key, among: allowed)
            let valid = hint.isEmpty ? "; valid keys: \(allowed.joined(separator: ", "))" : ""
            throw FieldError(path, at: entry.keyPosition, "unknown key '\(entry.key)'\(hint)\(valid)")
        }
    }

    /// The value for `key`, unless absent or null.
    public func optional(_ key: String) -> YAMLNode? {
        guard let node = entries.first(where: { $0.key == key })?.value, !node.isNull else { return nil }
        return node
    }

    /// The value for `key`, or an error saying it is missing.
    public func required(_ key: String) throws(FieldError) -> YAMLNode {
        if let node = optional(key) { return node }
        throw FieldError(path, at: position, "missing required key '\(key)'")
    }

    /// The path of a key's value.
    public func path(_ key: String) -> FieldPath { path.appending(key) }
}
