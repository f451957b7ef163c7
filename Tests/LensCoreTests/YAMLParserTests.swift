import Testing

@testable import LensCore

/// Hostile YAML is refused before a tree is built: nesting beyond the documented depth at the
/// collection that crosses it, documents beyond the node limit, duplicate keys however many come first.
@Suite struct YAMLParserTests {
    func failure(_ text: String) -> FieldError? {
        do {
            _ = try YAMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let depth = YAMLParser.maximumDepth
        let node = try YAMLParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(node?.kindName == "a list")
    }

    /// The limit was 256 and checked only after libyaml had built the whole document (100,000
    /// nested flow sequences took a minute to refuse); it is now 64, checked on the event stream.
    @Test(arguments: [65, 100, 255, 100_000])
    func nestingBeyondTheLimitIsRefusedAtTheCollectionThatCrossesIt(depth: Int) {
        let text = "gate: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let error = failure(text)
        #expect(error?.reason == "mappings and lists nested deeper than 64 levels", "\(String(describing: error))")
        // "gate:" opens the first level, so the 64th '[' (column 6 + 64 = 70) is the 65th level.
        #expect(error?.position == TextPosition(line: 1, column: 70))
    }

    @Test func blockNestingCountsToo() {
        var text = ""
        for level in 0..<70 { text += String(repeating: "  ", count: level) + "k\(level):\n" }
        text += String(repeating: "  ", count: 70) + "leaf: 1\n"
        let error = failure(text)
        #expect(error?.reason == "mappings and lists nested deeper than 64 levels", "\(String(describing: error))")
        #expect(error?.position.line == 65)
    }

    @Test func documentsBeyondTheNodeLimitAreRefused() {
        let text = "list: [" + String(repeating: "1, ", count: YAMLParser.maximumNodeCount) + "1]\n"
        let error = failure(text)
        #expect(error?.reason == "document too large: more than \(YAMLParser.maximumNodeCount) nodes", "\(String(describing: error))")
    }

    @Test func aDuplicateKeyIsFoundAfterManyKeys() {
        let text = (0..<20_000).map { "k\($0): 0\n" }.joined() + "k7: 1\n"
        let error = failure(text)
        #expect(error?.reason == "duplicate key 'k7'")
        #expect(error?.position == TextPosition(line: 20_001, column: 1))
    }

    @Test func onlyTheFirstDocumentIsRead() throws {
        let node = try YAMLParser.parse("a: 1\n---\nb: [\n")
        #expect(
            node
                == YAMLNode(
                    .mapping([
                        YAMLEntry(
                            key: "a", keyPosition: TextPosition(line: 1, column: 1),
                            value: YAMLNode(.scalar("1", quoted: false), at: TextPosition(line: 1, column: 4)))
                    ]),
                    at: TextPosition(line: 1, column: 1)))
    }
}
