import Foundation
import FuzzTargets
import TestSupport
import Testing

/// The `flags` fuzzing corpus (Fuzz/Corpus/flags/: seeds and every command line that ever crashed
/// the binary) through the real binary: each must end with a documented exit code, not a signal.
@Suite struct FlagsCorpusTests {
    static let corpus = Repository.root.appendingPathComponent("Fuzz/Corpus/flags")

    static var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted() }

    @Test(arguments: names)
    func corpusCommandLineEndsWithADocumentedCode(name: String) throws {
        let directory = Scratch.directory().appendingPathComponent("flags").path
        let target = FlagsTarget.target(binary: LensGateBinary.url.path, directory: directory)
        let bytes = try #require(FileManager.default.contents(atPath: Self.corpus.appendingPathComponent(name).path))
        target.run([UInt8](bytes))  // traps (failing the run) when lens-gate dies of a signal
    }
}
