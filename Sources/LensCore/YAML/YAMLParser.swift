import CYAML

/// Parses YAML text into `YAMLNode` trees with libyaml's document API.
public enum YAMLParser {
    /// Anchors and aliases can expand a small file into an enormous tree ("billion laughs");
    /// a config never needs more nodes than this.
    public static let maximumNodeCount = 200_000

    /// Parses the first document of `text`; returns nil for an empty document.
    public static func parse(_ text: String) throws(FieldError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw FieldError(.root, "the YAML parser could not be initialised (out of memory?)")
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        var document = yaml_document_t()
        let loaded = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return yaml_parser_load(&parser, &document)
        }
        guard loaded == 1 else { throw syntaxError(parser) }
        defer { yaml_document_delete(&document) }
        guard let root = yaml_document_get_root_node(&document) else { return nil }
        var budget = maximumNodeCount
        return try convert(root, in: &document, depth: 0, budget: &budget)
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> FieldError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var reason = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            reason += " (\(context) at line \(parser.context_mark.line + 1))"
        }
        let mark = parser.problem_mark
        return FieldError(.root, at: TextPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1), reason)
    }

    private static func position(_ mark: yaml_mark_t) -> TextPosition {
        TextPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func convert(
        _ node: UnsafeMutablePointer<yaml_node_t>, in document: inout yaml_document_t, depth: Int, budget: inout Int
    ) throws(FieldError) -> YAMLNode {
        let here = position(node.pointee.start_mark)
        budget -= 1
        guard budget >= 0, depth < 256 else {
            throw FieldError(.root, at: here, "document too large or too deeply nested (aliases expanding without bound?)")
        }
        switch node.pointee.type {
        case YAML_SCALAR_NODE:
            let scalar = node.pointee.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return YAMLNode(.scalar(text, quoted: scalar.style != YAML_PLAIN_SCALAR_STYLE), at: here)
        case YAML_SEQUENCE_NODE:
            var items: [YAMLNode] = []
            var item = node.pointee.data.sequence.items.start
            while let current = item, current != node.pointee.data.sequence.items.top {
                guard let child = yaml_document_get_node(&document, current.pointee) else { break }
                items.append(try convert(child, in: &document, depth: depth + 1, budget: &budget))
                item = current + 1
            }
            return YAMLNode(.sequence(items), at: here)
        case YAML_MAPPING_NODE:
            var entries: [YAMLEntry] = []
            var pair = node.pointee.data.mapping.pairs.start
            while let current = pair, current != node.pointee.data.mapping.pairs.top {
                guard let keyNode = yaml_document_get_node(&document, current.pointee.key),
                      let valueNode = yaml_document_get_node(&document, current.pointee.value) else { break }
                let key = try convert(keyNode, in: &document, depth: depth + 1, budget: &budget)
                guard case .scalar(let keyText, _) = key.value else {
                    throw FieldError(.root, at: key.position, "mapping keys must be plain text, found \(key.kindName)")
                }
                if entries.contains(where: { $0.key == keyText }) {
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
}
