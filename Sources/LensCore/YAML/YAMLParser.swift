import CYAML

/// Parses YAML text into `YAMLNode` trees with libyaml's document API.
///
/// Hostile documents are refused before the tree is built: a first pass over libyaml's event
/// stream stops at the first collection nested deeper than `maximumDepth` or at the node past
/// `maximumNodeCount`, so the cost of a refusal does not grow with the document (libyaml's
/// scanner does work proportional to the nesting depth for every token, which made 100,000
/// nested flow sequences take a minute to load).
public enum YAMLParser {
    /// Anchors and aliases can expand a small file into an enormous tree ("billion laughs");
    /// a config never needs more nodes than this.
    public static let maximumNodeCount = 200_000

    /// The deepest nesting of mappings and lists accepted (a lens-gate.yaml needs about 6).
    public static let maximumDepth = 64

    /// Parses the first document of `text`; returns nil for an empty document.
    public static func parse(_ text: String) throws(FieldError) -> YAMLNode? {
        let bytes = Array(text.utf8)
        try checkShape(bytes)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw FieldError(.root, "the YAML parser could not be initialised (out of memory?)")
        }
        defer { yaml_parser_delete(&parser) }
        var document = yaml_document_t()
        let loaded = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return yaml_parser_load(&parser, &document)
        }
        guard loaded == 1 else { throw syntaxError(parser) }
        defer { yaml_document_delete(&document) }
        guard let root = yaml_document_get_root_node(&document) else { return nil }
        var budget = maximumNodeCount
        return try convert(root, in: &document, depth: 1, budget: &budget)
    }

    /// The first pass: reads the event stream of the first document and throws at the first
    /// collection deeper than `maximumDepth`, the first node past `maximumNodeCount`, or a syntax
    /// error, without building anything.
    private static func checkShape(_ bytes: [UInt8]) throws(FieldError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw FieldError(.root, "the YAML parser could not be initialised (out of memory?)")
        }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { (buffer) throws(FieldError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var nodes = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
                let type = event.type
                let mark = event.start_mark
                yaml_event_delete(&event)
                switch type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    nodes += 1
                    guard depth <= maximumDepth else {
                        throw FieldError(
                            .root, at: position(mark),
                            "mappings and lists nested deeper than \(maximumDepth) levels")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
                    nodes += 1
                case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                    // Only the first document is read, as `yaml_parser_load` does.
                    return
                default:
                    break
                }
                guard nodes <= maximumNodeCount else {
                    throw FieldError(.root, at: position(mark), "document too large: more than \(maximumNodeCount) nodes")
                }
            }
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> FieldError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var reason = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            reason += " (\(context) at line \(parser.context_mark.line + 1))"
        }
        return FieldError(.root, at: position(parser.problem_mark), reason)
    }

    private static func position(_ mark: yaml_mark_t) -> TextPosition {
        TextPosition(line: Int(clamping: mark.line) + 1, column: Int(clamping: mark.column) + 1)
    }

    private static func convert(
        _ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t, depth: Int, budget: inout Int
    ) throws(FieldError) -> YAMLNode {
        let here = position(node.pointee.start_mark)
        budget -= 1
        guard budget >= 0 else {
            throw FieldError(.root, at: here, "document too large: more than \(maximumNodeCount) nodes once aliases are expanded")
        }
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return YAMLNode(.scalar(text, quoted: scalar.style != YAML_PLAIN_SCALAR_STYLE), at: here)
        case YAML_SEQUENCE_NODE:
            try checkDepth(depth, at: here)
            var items: [YAMLNode] = []
            var item = node.pointee.data.sequence.items.start
            while let current = item, current != node.pointee.data.sequence.items.top {
                guard let child = yaml_document_get_node(&document, current.pointee) else { break }
                items.append(try convert(child, in: &document, depth: depth + 1, budget: &budget))
                item = current + 1
            }
            return YAMLNode(.sequence(items), at: here)
        case YAML_MAPPING_NODE:
            try checkDepth(depth, at: here)
            var entries: [YAMLEntry] = []
            // A set, not a scan of `entries`: the scan made a mapping of n keys cost n² string
            // comparisons (99,000 keys took 27 s).
            var keys: Set<String> = []
            var pair = node.pointee.data.mapping.pairs.start
            while let current = pair, current != node.pointee.data.mapping.pairs.top {
                guard let keyNode = yaml_document_get_node(&document, current.pointee.key),
                    let valueNode = yaml_document_get_node(&document, current.pointee.value)
                else { break }
                let key = try convert(keyNode, in: &document, depth: depth + 1, budget: &budget)
                guard case .scalar(let keyText, _) = key.value else {
                    throw FieldError(.root, at: key.position, "mapping keys must be plain text, found \(key.kindName)")
                }
                guard keys.insert(keyText).inserted else {
                    throw FieldError(.root, at: key.position, "duplicate key '\(keyText)'")
                }
                let value = try convert(valueNode, in: &document, depth: depth + 1, budget: &budget)
                entries.append(YAMLEntry(key: keyText, keyPosition: key.position, value: value))
                pair = current + 1
            }
            return YAMLNode(.mapping(entries), at: here)
        default:
            return YAMLNode(.scalar("", quoted: false), at: here)
        }
    }

    /// Aliases can nest a collection deeper than the text shows; the same limit applies.
    private static func checkDepth(_ depth: Int, at position: TextPosition) throws(FieldError) {
        guard depth <= maximumDepth else {
            throw FieldError(.root, at: position, "mappings and lists nested deeper than \(maximumDepth) levels (through aliases)")
        }
    }
}
