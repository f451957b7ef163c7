import Foundation
import LensCore
import TestSupport
import Testing

/// Names read from files reach the terminal inert: whatever a results file calls its scenarios,
/// no NUL, escape sequence, C1 control or bidirectional override reaches stdout or stderr as itself.
@Suite struct TerminalHygieneTests {
    static let hostile = "chat\u{0}\u{1B}]0;pwned\u{7}\u{1B}[8m\u{9B}2J\u{202E}lave\u{2066}x\u{2069}\u{200F}"
    static let unsafe: [Unicode.Scalar] = ["\u{0}", "\u{1B}", "\u{7}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200F}"]

    @Test func baselineShowPrintsHostileNamesAsEscapes() throws {
        let directory = Scratch.directory()
        let samples = (0..<20).map { Double(100 + $0) }
        let scenario = JSONNode(
            .fields([
                "name": .string(Self.hostile), "target": .string(Self.hostile),
                "samples": .fields(["ttft_ms": .numbers(samples)]),
            ]))
        let document = JSONWriter().bytes(.fields(["schema_version": .integer(1), "scenarios": .array([scenario])]))
        try Data(document).write(to: directory.appendingPathComponent("baseline.json"))
        let outcome = try LensGateBinary.run(["baseline", "show", "baseline.json", "--history", "none.jsonl"], in: directory)
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(
            outcome.stdout.contains(#"scenario chat\u{0}\u{1B}]0;pwned\u{7}\u{1B}[8m\u{9B}2J\u{202E}lave\u{2066}x\u{2069}\u{200F}"#),
            "\(outcome.stdout.debugDescription)")
        #expect(!outcome.all.unicodeScalars.contains { Self.unsafe.contains($0) }, "\(outcome.all.debugDescription)")
    }
}
