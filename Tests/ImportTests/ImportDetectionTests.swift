import Foundation
import TestSupport
import Testing

@testable import Import
@testable import LensCore

@Suite struct ImportDetectionTests {
    @Test(arguments: ImportFixtures.all)
    func everyRealOutputIsDetectedAndConverts(file: String, format: String) throws {
        let imported = try ForeignResults.load(ImportFixtures.path(file))
        #expect(imported.format.rawValue == format)
        #expect(!imported.results.scenarios.isEmpty)
        // The converted document is what lens-gate writes and reads back unchanged.
        let written = ResultsFile.encode(imported.results)
        #expect(try Results(json: JSONParser.parse(written)) == imported.results)
    }

    @Test func aLensGateFileIsReadByTheStrictReader() throws {
        let path = Scratch.file("json")
        try #"{"schema_version": 1, "scenarios": [{"name": "a", "samples": {"ttft_ms": [1, 2]}}]}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let imported = try ForeignResults.load(path)
        #expect(imported.format == .lensGate)
        #expect(imported.results.scenarios.first?.samples[.ttftMs] == [1, 2])
    }

    @Test func anUnknownDocumentNamesTheFormatsThatCanBeForced() throws {
        let path = Scratch.file("json")
        try #"{"hello": "world"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) { try ForeignResults.load(path) }
        #expect(error?.description.contains("--format") == true)
        #expect(error?.description.contains("guidellm") == true)
    }

    @Test func aForcedFormatThatDoesNotFitSaysWhichFieldIsMissing() throws {
        let error = #expect(throws: InputError.self) {
            try ForeignResults.load(ImportFixtures.path("guidellm/base.json"), format: .vllm)
        }
        #expect(error?.description.contains("vLLM bench serve") == true)
        #expect(error?.description.contains("--save-detailed") == true)
    }
}
