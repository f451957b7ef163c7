import Foundation
import Testing

/// Golden-file comparison; set `LENS_GATE_RECORD=1` to (re)write the expected files.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LENS_GATE_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with LENS_GATE_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(
            actual == expected, "output differs from \(name); re-record with LENS_GATE_RECORD=1 if intended",
            sourceLocation: sourceLocation)
    }
}
