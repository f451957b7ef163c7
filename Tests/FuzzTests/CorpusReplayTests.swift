import Foundation
import FuzzTargets
import Stats
import TestSupport
import Testing

/// Every input of the committed fuzzing corpus (Fuzz/Corpus/<target>/), seeds and regressions
/// alike, runs through its target in-process: an input that once crashed lens-gate would crash
/// this test run again. The `flags` corpus runs through the real binary in Tests/EndToEndTests.
@Suite struct CorpusReplayTests {
    static let corpus = Repository.root.appendingPathComponent("Fuzz/Corpus")

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }

    @Test(arguments: FuzzTarget.inProcess.map(\.name))
    func everyCorpusInputRuns(target name: String) throws {
        let target = try #require(FuzzTarget.inProcess.first { $0.name == name })
        let inputs = Self.inputs(name)
        #expect(inputs.count >= 3, "the \(name) corpus has seeds")
        for input in inputs { target.run(input.bytes) }
    }

    /// The fuzzer's inputs are a pure function of seed and index: a crash found in a worker that
    /// died can be rebuilt and saved by the supervisor.
    @Test(arguments: FuzzTarget.inProcess.map(\.name))
    func inputsAreReproducible(target name: String) throws {
        let target = try #require(FuzzTarget.inProcess.first { $0.name == name })
        let corpus = Self.inputs(name).map(\.bytes)
        for index in [0, 1, 17, 1_000_003] {
            #expect(target.input(seed: 42, index: index, corpus: corpus) == target.input(seed: 42, index: index, corpus: corpus))
        }
        let distinct = Set((0..<64).map { target.input(seed: 42, index: $0, corpus: corpus) })
        #expect(distinct.count > 32, "mutations vary")
    }

    @Test func numberReplacementReachesExtremeValues() {
        var random = SeededGenerator(seed: 1)
        var seen: Set<String> = []
        for _ in 0..<2_000 {
            var bytes = Array("a: 12\n".utf8)
            Mutator.replaceNumber(&bytes, &random)
            seen.insert(String(decoding: bytes, as: UTF8.self))
        }
        #expect(seen.contains("a: 1e308\n"))
        #expect(seen.contains("a: nan\n"))
        #expect(seen.contains("a: 9223372036854775807\n"))
    }
}
