import Testing

@testable import LensCore

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentWithPositions() throws {
        let text = "{\n  \"a\": [1, 2.5, -3e2],\n  \"b\": {\"c\": \"x\\ny\\u00e9\", \"d\": [true, null]}\n}"
        let root = try JSONParser.parse(text)
        guard case .object(let members) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].value.value == .numbers([1, 2.5, -300]))
        #expect(members[0].value.position == TextPosition(line: 2, column: 8))
        guard case .object(let inner) = members[1].value.value else {
            Issue.record("b not an object")
            return
        }
        #expect(inner[0].value.value == .string("x\nyé"))
        #expect(members[1].value.position.line == 3)
    }

    @Test func numbersMatchSwiftParsingExactly() throws {
        var generator = SplitMix(seed: 7)
        var texts: [String] = [
            "0", "-0", "0.1", "1e-7", "123456789012345678", "9007199254740993", "1.7976931348623157e308",
            "5e-324", "2.2250738585072014e-308", "0.30000000000000004", "1E+2", "120.500",
        ]
        for _ in 0..<2000 {
            let magnitude = Double(generator.next() % 1_000_000) / 1000
            texts.append(String(magnitude))
            texts.append(String(Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)))
        }
        for text in texts {
            let parsed = try JSONParser.parse("[\(text)]")
            #expect(parsed.value == .numbers([Double(text)!]), "\(text)")
        }
    }

    @Test(arguments: [
        ("{\"a\": [1, 2,]}", 1, 13, "unexpected ']'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1, NaN]", 1, 5, "NaN and Infinity"),
        ("{\"a\": 1}\n{}", 2, 1, "after the JSON document"),
        ("{\"a\": 01}", 1, 7, "leading zero"),
        ("{\"a\": \"unterminated", 1, 7, "unterminated string"),
        ("", 1, 1, "unexpected end of input"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key"),
        ("[1e999]", 1, 2, "out of range"),
    ])
    func reportsSyntaxErrorsWithPosition(text: String, line: Int, column: Int, reason: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.position == TextPosition(line: line, column: column) && error.reason.contains(reason)
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""tab\there \"q\" \u00e9 \ud83d\ude00 \/""#).value == .string("tab\there \"q\" é 😀 /"))
        #expect(try JSONParser.parse("\"héllo\"").value == .string("héllo"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "{} {}", "[1] x",
        "\"\\u12\"", "nul",
    ])
    func refusesInvalidDocuments(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    /// Keys are checked against a set, so a duplicate is found however many keys come before it
    /// (and an object of many keys parses in linear time).
    @Test func findsADuplicateKeyAfterManyKeys() {
        let text = "{" + (0..<20_000).map { "\"k\($0)\": 0, " }.joined() + "\"k7\": 1}"
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.reason == "duplicate key \"k7\""
        }
    }

    @Test func looksUpObjectMembersByKey() throws {
        let root = try JSONParser.parse(#"{"a": {"b": "x"}, "n": null, "list": [1, 2]}"#).value
        #expect(root["a"]?["b"] == .string("x"))
        #expect(root["n"] == .null)
        #expect(root["list"] == .numbers([1, 2]))
        #expect(root["missing"] == nil)
        #expect(root["list"]?["a"] == nil)
    }

    @Test func writerRoundTrips() throws {
        let value = JSONValue.fields([
            "s": .string("quote \" backslash \\ newline \n tab \t bell \u{7}"),
            "n": .numbers([0.1, 120, 1e-5, 12345.678]),
            "a": .array([JSONNode(.bool(true)), JSONNode(.null), JSONNode(.number(-2.5))]),
            "e": .object([]),
        ])
        let text = JSONWriter().string(value)
        #expect(try JSONParser.parse(text).value == value)
    }
}

/// A tiny repeatable generator for test inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
