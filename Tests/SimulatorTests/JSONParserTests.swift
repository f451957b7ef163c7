import Testing

@testable import Simulator

@Suite("Request JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) -> JSONValue? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in try? JSONParser.parse(raw) }
    }

    @Test("values, nesting, escapes and surrogate pairs")
    func valid() {
        #expect(parse(#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "x"}} "#)
            == .object([
                "a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]),
                "b": .object(["c": .string("x")]),
            ]))
        #expect(parse(#""tab\there \"q\" \u00e9 \ud83d\ude00 \/""#) == .string("tab\there \"q\" é 😀 /"))
        #expect(parse("\"héllo\"") == .string("héllo"))
    }

    @Test("invalid documents are refused", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "{} {}", "[1] x",
        "\"\\u12\"", "nul",
    ])
    func invalid(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test("invalid UTF-8 in strings and deep nesting are refused")
    func hostile() {
        let bad: [UInt8] = [0x22, 0xFF, 0x22]
        #expect(bad.withUnsafeBytes { try? JSONParser.parse($0) } == nil)
        #expect(parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == nil)
        #expect(parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) != nil)
    }
}
