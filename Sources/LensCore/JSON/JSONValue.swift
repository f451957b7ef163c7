/// A parsed JSON document node that remembers where it came from.
///
/// Arrays made only of numbers are stored as `[Double]` directly: results files hold millions
/// of samples, and one enum box per number would cost both time and memory.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case numbers([Double])
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.numbers(a), .numbers(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .numbers, .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON value with its position in the source text.
public struct JSONNode: Sendable, Equatable {
    /// The value.
    public var value: JSONValue
    /// Where the value starts in the source (1-based line and column).
    public var position: TextPosition

    /// Creates a node.
    public init(_ value: JSONValue, at position: TextPosition = .unknown) {
        self.value = value
        self.position = position
    }

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.value == rhs.value }
}

/// A 1-based line and column in a text file.
public struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The 1-based line, or 0 when unknown.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A position that is not known (values built in code rather than parsed).
    public static let unknown = TextPosition(line: 0, column: 0)

    /// `line:column`, or an empty string when unknown.
    public var description: String { line > 0 ? "\(line):\(column)" : "" }
}

extension JSONValue {
    /// A whole number.
    public static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// An array of strings.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { JSONNode(.string($0)) }) }
}
