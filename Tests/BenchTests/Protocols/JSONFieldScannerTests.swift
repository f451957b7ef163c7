import LensCore
import Stats
import Testing

@testable import Bench

/// The fast scanner agrees with LensCore's strict JSON parser on what is valid, and on string values.
@Suite struct JSONFieldScannerTests {
    /// Collects every string value the scanner reports.
    struct Strings: JSONFieldVisitor {
        var values: [String] = []
        mutating func visit(_ path: KeyPath, _ value: JSONScalar) {
            if case .string(let text) = value { values.append(text.decoded) }
        }
    }

    /// Pieces that exercise each path of the string scanner at every alignment.
    static let pieces: [[UInt8]] = [
        Array("abcdefgh".utf8), Array("x".utf8), Array(" ".utf8), Array("\\\"".utf8), Array("\\\\".utf8), Array("\\n".utf8),
        Array("\\u00e9".utf8), Array("é".utf8), Array("✓".utf8), Array("𝄞".utf8), [0x7F], [0x1F], [0xC3], [0xFF], [0xED, 0xA0, 0x80],
        Array("\\x".utf8), Array("\\u12".utf8), [0x22],
    ]

    @Test func agreesWithTheStrictParser() throws {
        var random = SeededGenerator(seed: 42)
        var valid = 0
        for _ in 0..<5_000 {
            var text: [UInt8] = []
            for _ in 0..<Int(random.next() % 24) { text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }
            let document = Array(#"{"k":[1,{"s":""#.utf8) + text + Array(#""}],"t":"plain text here"}"#.utf8)
            var strings = Strings()
            let scanned: Bool = document.withUnsafeBufferPointer { buffer in
                (try? JSONFieldScanner.scan(buffer, into: &strings)) != nil
            }
            let parsed = try? JSONParser.parse(document)
            #expect(scanned == (parsed != nil), "\(String(decoding: text, as: UTF8.self))")
            if scanned, let parsed, case .object(let members) = parsed.value, case .array(let items) = members[0].value.value,
                case .object(let inner) = items[1].value, case .string(let expected) = inner[0].value.value
            {
                #expect(strings.values == [expected, "plain text here"])
                valid += 1
            }
        }
        #expect(valid > 500, "the generator produces enough valid documents")
    }
}
