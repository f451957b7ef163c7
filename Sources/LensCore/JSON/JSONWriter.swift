/// Serializes `JSONValue` trees as UTF-8 text: indented objects, number arrays on one line.
public struct JSONWriter {
    /// Two-space indentation keeps diffs of baselines readable; number arrays stay on one line.
    public var indent = "  "
    /// Everything on one line (JSON Lines), no indentation.
    public var compact = false

    /// Creates a writer.
    public init() {}

    /// The UTF-8 bytes of `value`, terminated by a newline.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, depth: 0, into: &output)
        output.append(0x0A)
        return output
    }

    /// `value` on a single line, terminated by a newline (one JSON Lines record).
    public func compactBytes(_ value: JSONValue) -> [UInt8] {
        var writer = self
        writer.compact = true
        return writer.bytes(value)
    }

    /// The text of `value`, terminated by a newline.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, depth: Int, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): JSONWriter.appendNumber(number, to: &output)
        case .string(let text): JSONWriter.appendString(text, to: &output)
        case .numbers(let numbers):
            output.append(UInt8(ascii: "["))
            for (i, number) in numbers.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.appendNumber(number, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: depth + 1, into: &output)
                write(element.value, depth: depth + 1, into: &output)
            }
            newline(depth: depth, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: depth + 1, into: &output)
                JSONWriter.appendString(member.key, to: &output)
                output.append(contentsOf: (compact ? ":" : ": ").utf8)
                write(member.value.value, depth: depth + 1, into: &output)
            }
            newline(depth: depth, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(depth: Int, into output: inout [UInt8]) {
        guard !compact else { return }
        output.append(0x0A)
        for _ in 0..<depth { output.append(contentsOf: indent.utf8) }
    }

    /// Appends the shortest text that reads back as the same Double; non-finite values become null.
    public static func appendNumber(_ number: Double, to output: inout [UInt8]) {
        guard number.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if number == number.rounded(), abs(number) < 1e15 {
            // Integral values print without a fraction ("120", not "120.0").
            output.append(contentsOf: String(Int64(number)).utf8)
        } else {
            output.append(contentsOf: number.description.utf8)
        }
    }

    /// Appends a JSON string literal with the escapes RFC 8259 requires.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// An object value from key/value pairs, skipping pairs whose value is nil.
    public static func fields(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, JSONNode($0)) } })
    }
}

/// Builds a JSON object member by member, skipping nil values, in insertion order.
public struct JSONObjectBuilder {
    private var members: [(key: String, value: JSONNode)] = []

    /// Creates an empty builder.
    public init() {}

    /// Sets a member; nil leaves it out.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value.value }
        set {
            members.removeAll { $0.key == key }
            if let newValue { members.append((key, JSONNode(newValue))) }
        }
    }

    /// The built object.
    public var value: JSONValue { .object(members) }
}
