/// The path to a field inside a structured document, e.g. `scenarios[0].samples.ttft_ms[3]`.
public struct FieldPath: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// One step of a path: an object key or an array index.
    public enum Component: Sendable, Equatable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The document root.
    public static let root = FieldPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) { self.components = components }

    /// This path extended by an object key.
    public func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [.key(key)])
    }

    /// This path extended by an array index.
    public func appending(_ index: Int) -> FieldPath {
        FieldPath(components: components + [.index(index)])
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(document)" : text
    }
}

/// A problem with one field of a document, before the file it came from is known.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document structure.
    public var path: FieldPath
    /// Where in the text, when known.
    public var position: TextPosition
    /// What is wrong and, where possible, what to do instead.
    public var reason: String

    /// Creates a field error.
    public init(_ path: FieldPath, at position: TextPosition = .unknown, _ reason: String) {
        self.path = path
        self.position = position
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
