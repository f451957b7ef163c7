/// Typed reading of parsed JSON with errors that name the field and its position.
extension JSONNode {
    /// The members of an object, or a field error naming what was found instead.
    public func object(at path: FieldPath) throws(FieldError) -> JSONObject {
        guard case .object(let members) = value else {
            throw FieldError(path, at: position, "expected an object, found \(value.typeName)")
        }
        return JSONObject(members: members, path: path, position: position)
    }

    /// A string value.
    public func string(at path: FieldPath) throws(FieldError) -> String {
        guard case .string(let text) = value else {
            throw FieldError(path, at: position, "expected a string, found \(value.typeName)")
        }
        return text
    }

    /// A finite number.
    public func number(at path: FieldPath) throws(FieldError) -> Double {
        guard case .number(let number) = value else {
            throw FieldError(path, at: position, "expected a number, found \(value.typeName)")
        }
        return number
    }

    /// A whole number that fits in `Int`.
    public func integer(at path: FieldPath) throws(FieldError) -> Int {
        let number = try number(at: path)
        guard number == number.rounded(), abs(number) < 9.0e15 else {
            throw FieldError(path, at: position, "expected a whole number, found \(number)")
        }
        return Int(number)
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

    /// A boolean.
    public func bool(at path: FieldPath) throws(FieldError) -> Bool {
        guard case .bool(let flag) = value else {
            throw FieldError(path, at: position, "expected true or false, found \(value.typeName)")
        }
        return flag
    }

    /// An array of numbers (empty arrays included).
    public func numbers(at path: FieldPath) throws(FieldError) -> [Double] {
        switch value {
        case .numbers(let numbers): return numbers
        case .array(let elements):
            // A mixed array: name the first element that is not a number.
            for (i, element) in elements.enumerated() {
                guard case .number = element.value else {
                    throw FieldError(
                        path.appending(i), at: element.position.line > 0 ? element.position : position,
                        "expected a number, found \(element.value.typeName)")
                }
            }
            return elements.compactMap { if case .number(let n) = $0.value { n } else { nil } }
        default:
            throw FieldError(path, at: position, "expected an array of numbers, found \(value.typeName)")
        }
    }

    /// The elements of an array of any values.
    public func elements(at path: FieldPath) throws(FieldError) -> [JSONNode] {
        switch value {
        case .array(let elements): return elements
        case .numbers(let numbers): return numbers.map { JSONNode(.number($0), at: position) }
        default: throw FieldError(path, at: position, "expected an array, found \(value.typeName)")
        }
    }
}

extension JSONValue {
    /// The value of the member named `key` when this is an object that has one, else nil: for
    /// documents read loosely (API answers, request bodies), where a missing field is not an error.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value.value
    }
}

/// A JSON object being read field by field.
public struct JSONObject: Sendable {
    /// The members in document order.
    public let members: [(key: String, value: JSONNode)]
    /// The object's own path.
    public let path: FieldPath
    /// Where the object starts.
    public let position: TextPosition

    /// The member named `key`, if present and not null.
    public func optional(_ key: String) -> JSONNode? {
        guard let node = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    /// The member named `key`, or an error saying it is missing (with a hint for near misses).
    public func required(_ key: String) throws(FieldError) -> JSONNode {
        if let node = optional(key) { return node }
        let hint = Suggestion.closest(to: key, among: members.map(\.key)).map { " (found '\($0)')" } ?? ""
        throw FieldError(path, at: position, "missing required field '\(key)'\(hint)")
    }

    /// The path of a member.
    public func path(_ key: String) -> FieldPath { path.appending(key) }
}
