/// A YAML node with its position, as parsed by libyaml's document API.
public struct YAMLNode: Sendable, Equatable {
    /// The node's content.
    public indirect enum Value: Sendable, Equatable {
        /// A scalar with its text and whether it was quoted (quoted scalars are always strings).
        case scalar(String, quoted: Bool)
        /// A sequence of nodes.
        case sequence([YAMLNode])
        /// A mapping with scalar keys, in document order.
        case mapping([YAMLEntry])
    }

    /// The content.
    public var value: Value
    /// Where the node starts (1-based).
    public var position: TextPosition

    /// Creates a node.
    public init(_ value: Value, at position: TextPosition = .unknown) {
        self.value = value
        self.position = position
    }

    /// A short description of the node's kind, for error messages.
    public var kindName: String {
        switch value {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// True for `null`, `~` and empty plain scalars.
    public var isNull: Bool {
        if case .scalar(let text, quoted: false) = value { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }
}

/// One key/value pair of a YAML mapping.
public struct YAMLEntry: Sendable, Equatable {
    /// The key text.
    public var key: String
    /// Where the key is written: unknown-key errors point here.
    public var keyPosition: TextPosition
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyPosition: TextPosition, value: YAMLNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
