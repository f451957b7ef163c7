import Foundation
import TestSupport
import Testing

@testable import LensCore

/// The rule that ties history lines to the baseline in place (`HistoryLineage`), and the pair
/// writer that relies on it (`BaselineHistoryPair`).
@Suite struct HistoryLineageTests {
    static let a = BaselineDigest(text: "fnv1a64:000000000000000a")
    static let b = BaselineDigest(text: "fnv1a64:000000000000000b")
    static let c = BaselineDigest(text: "fnv1a64:000000000000000c")
    static let hand = BaselineDigest(text: "fnv1a64:00000000000000ff")

    /// A line that wrote `written` in place of `replaced` (nil digests: a line from before digests).
    static func line(_ commit: String, wrote written: BaselineDigest?, replacing replaced: BaselineDigest? = nil) -> HistoryEntry {
        var entry = HistoryEntry(commit: commit)
        entry.baselineDigest = written
        entry.replacedDigest = replaced
        return entry
    }

    @Test func aChainEndingAtTheBaselineHasNoOrphan() {
        let entries = [Self.line("1", wrote: Self.a), Self.line("2", wrote: Self.b, replacing: Self.a)]
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.b)).isEmpty)
    }

    @Test func theNewestLineIsAnOrphanWhenItsBaselineNeverLanded() {
        // The update wrote its history line, then died before renaming the baseline: A is still in place.
        let entries = [Self.line("1", wrote: Self.a), Self.line("2", wrote: Self.b, replacing: Self.a)]
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.a)) == [1])
    }

    @Test func anOrphanInTheMiddleIsFoundWithOrWithoutTheBaseline() {
        // B never landed; a later update replaced A again with C.
        let entries = [
            Self.line("1", wrote: Self.a), Self.line("2", wrote: Self.b, replacing: Self.a),
            Self.line("3", wrote: Self.c, replacing: Self.a),
        ]
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.c)) == [1])
        #expect(HistoryLineage.orphans(in: entries, current: .unknown) == [1])
    }

    @Test func aRetriedUpdateWithTheSameContentKeepsOnlyTheLineThatLanded() {
        let entries = [
            Self.line("1", wrote: Self.a), Self.line("2", wrote: Self.b, replacing: Self.a),
            Self.line("2", wrote: Self.b, replacing: Self.a),
        ]
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.b)) == [1])
    }

    @Test func theFirstUpdateIsAnOrphanWhenNoBaselineLanded() {
        let entries = [Self.line("1", wrote: Self.a)]
        #expect(HistoryLineage.orphans(in: entries, current: .missing) == [0])
        #expect(HistoryLineage.orphans(in: entries, current: .unknown).isEmpty)
    }

    @Test func aBaselineReplacedByHandBreaksTheChainWithoutOrphaningAnything() {
        let entries = [Self.line("1", wrote: Self.a), Self.line("2", wrote: Self.b, replacing: Self.a)]
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.hand)).isEmpty)
        // The next update replaced the hand-made baseline: still one chain.
        let next = entries + [Self.line("3", wrote: Self.c, replacing: Self.hand)]
        #expect(HistoryLineage.orphans(in: next, current: .digest(Self.c)).isEmpty)
    }

    @Test func linesWithoutDigestsAreKeptAsBefore() {
        let legacy = [Self.line("old-1", wrote: nil), Self.line("old-2", wrote: nil)]
        #expect(HistoryLineage.orphans(in: legacy, current: .digest(Self.a)).isEmpty)
        #expect(HistoryLineage.orphans(in: legacy, current: .missing).isEmpty)
        // The first update with digests follows old lines; its own orphan is still found.
        let mixed = legacy + [Self.line("3", wrote: Self.b, replacing: Self.a)]
        #expect(HistoryLineage.orphans(in: mixed, current: .digest(Self.a)) == [2])
    }

    /// The repetitions of one seeded update (several `--from`): kept or dropped together.
    static func seeded(_ count: Int, wrote written: BaselineDigest, replacing replaced: BaselineDigest?) -> [HistoryEntry] {
        (1...count).map { index in
            var entry = line("seed-\(index)", wrote: written, replacing: replaced)
            entry.repetition = HistoryEntry.Repetition(index: index, of: count)
            return entry
        }
    }

    @Test func theRepetitionsOfOneUpdateAreKeptOrOrphanedTogether() {
        let entries = [Self.line("1", wrote: Self.a)] + Self.seeded(3, wrote: Self.b, replacing: Self.a)
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.b)).isEmpty)
        // The seeding update died before its baseline landed: all three lines are orphans.
        #expect(HistoryLineage.orphans(in: entries, current: .digest(Self.a)) == [1, 2, 3])
        // A later update replaced A again: the lost seed is found further up, whole.
        let later = entries + [Self.line("3", wrote: Self.c, replacing: Self.a)]
        #expect(HistoryLineage.orphans(in: later, current: .digest(Self.c)) == [1, 2, 3])
        // The first update of all, seeded, with no baseline landed.
        #expect(HistoryLineage.orphans(in: Self.seeded(2, wrote: Self.a, replacing: nil), current: .missing) == [0, 1])
    }

    @Test func repetitionsCountAsOneJobAndRoundTrip() throws {
        let entries =
            [Self.line("1", wrote: Self.a)] + Self.seeded(3, wrote: Self.b, replacing: Self.a)
            + Self.seeded(2, wrote: Self.c, replacing: Self.b) + [Self.line("4", wrote: Self.hand, replacing: Self.c)]
        #expect(HistoryEntry.jobIndices(entries) == [0, 1, 1, 1, 2, 2, 3])
        // Two separate seeded updates of the same size with the same digests are still two jobs.
        let twice = Self.seeded(2, wrote: Self.a, replacing: nil) + Self.seeded(2, wrote: Self.a, replacing: nil)
        #expect(HistoryEntry.jobIndices(twice) == [0, 0, 1, 1])
        let decoded = try HistoryEntry(json: JSONParser.parse(JSONWriter().compactBytes(entries[2].json)))
        #expect(decoded == entries[2])
        #expect(String(decoding: JSONWriter().compactBytes(entries[2].json), as: UTF8.self).contains(#""repetition":{"index":2,"of":3}"#))
        #expect(throws: FieldError.self) {
            try HistoryEntry(json: JSONParser.parse(#"{"schema_version":1,"repetition":{"index":4,"of":3},"scenarios":{}}"#))
        }
    }

    @Test func digestsRoundTripThroughAHistoryLineAndOldLinesStillRead() throws {
        let entry = Self.line("1", wrote: BaselineDigest(of: Array("baseline".utf8)), replacing: Self.a)
        let decoded = try HistoryEntry(json: try JSONParser.parse(JSONWriter().compactBytes(entry.json)))
        #expect(decoded == entry)
        #expect(entry.baselineDigest?.text.hasPrefix("fnv1a64:") == true && entry.baselineDigest?.text.count == 24)
        let old = try HistoryEntry(json: try JSONParser.parse(#"{"schema_version":1,"commit":"x","scenarios":{}}"#))
        #expect(old.baselineDigest == nil && old.replacedDigest == nil)
    }

    @Test func theShippedHistoryBelongsToTheShippedBaseline() throws {
        let root = Repository.root
        let baseline = root.appendingPathComponent("baselines/main.json").path
        let loaded = try HistoryFile.load(HistoryFile.defaultPath(forBaseline: baseline), baseline: .file(baseline))
        #expect(!loaded.entries.isEmpty)
        #expect(loaded.orphanLines.isEmpty)
    }
}

/// `BaselineHistoryPair`: history first, then the baseline; a failed step leaves the old pair.
@Suite struct BaselineHistoryPairTests {
    struct InjectedFailure: Error {}

    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-pair-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func read(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

    @Test func recordsTheNewestLineWithBothDigestsAndDropsOrphans() throws {
        let folder = Self.folder()
        let pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        _ = try pair.record(baseline: Array("first".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        // An orphan as a killed update would leave it: a line for a baseline that never landed.
        var orphan = HistoryEntry(commit: "lost")
        orphan.baselineDigest = BaselineDigest(of: Array("lost".utf8))
        orphan.replacedDigest = BaselineDigest(of: Array("first".utf8))
        var lines = Self.read(pair.historyPath) ?? []
        lines += JSONWriter().compactBytes(orphan.json)
        try Data(lines).write(to: URL(fileURLWithPath: pair.historyPath))

        let recorded = try pair.record(baseline: Array("second".utf8), entry: HistoryEntry(commit: "2"), limit: 52)
        #expect(recorded == BaselineHistoryPair.Recorded(historyCount: 2, droppedOrphans: 1))
        let loaded = try HistoryFile.load(pair.historyPath, baseline: .unknown)
        #expect(loaded.entries.map(\.commit) == ["1", "2"])
        #expect(loaded.entries[1].baselineDigest == BaselineDigest(of: Array("second".utf8)))
        #expect(loaded.entries[1].replacedDigest == BaselineDigest(of: Array("first".utf8)))
        #expect(loaded.entries[0].replacedDigest == nil)
    }

    @Test func recordsSeveralRepetitionsAsOneUpdateAndOneAsBefore() throws {
        let folder = Self.folder()
        let pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        _ = try pair.record(baseline: Array("first".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        let recorded = try pair.record(
            baseline: Array("third".utf8),
            entries: ["r1", "r2", "r3"].map { HistoryEntry(commit: $0) }, limit: 52)
        #expect(recorded == BaselineHistoryPair.Recorded(historyCount: 4, droppedOrphans: 0))
        let loaded = try HistoryFile.load(pair.historyPath, baseline: .file(pair.baselinePath))
        #expect(loaded.entries.map(\.commit) == ["1", "r1", "r2", "r3"])
        #expect(loaded.entries[0].repetition == nil)
        #expect(loaded.entries.dropFirst().map { $0.repetition?.index } == [1, 2, 3])
        #expect(
            loaded.entries.dropFirst().allSatisfy {
                $0.baselineDigest == BaselineDigest(of: Array("third".utf8)) && $0.replacedDigest == BaselineDigest(of: Array("first".utf8))
            })
        // Had the baseline not landed, the three lines would all be orphans of the old baseline.
        let old = try HistoryFile.load(pair.historyPath, baseline: .digest(BaselineDigest(of: Array("first".utf8))))
        #expect(old.entries.map(\.commit) == ["1"])
        #expect(old.orphanLines == [2, 3, 4])
    }

    @Test func aFailedBaselineWritePutsTheHistoryBack() throws {
        let folder = Self.folder()
        var pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        _ = try pair.record(baseline: Array("first".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        let history = Self.read(pair.historyPath)
        let baselinePath = pair.baselinePath
        let honest = pair.writeFile
        pair.writeFile = { bytes, path, role in
            if path == baselinePath { throw InjectedFailure() }
            try honest(bytes, path, role)
        }
        #expect(throws: InjectedFailure.self) {
            try pair.record(baseline: Array("second".utf8), entry: HistoryEntry(commit: "2"), limit: 52)
        }
        #expect(Self.read(pair.baselinePath) == Array("first".utf8))
        #expect(Self.read(pair.historyPath) == history)
    }

    @Test func aFailedFirstUpdateLeavesNoHistoryFile() throws {
        let folder = Self.folder()
        var pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        let baselinePath = pair.baselinePath
        let honest = pair.writeFile
        pair.writeFile = { bytes, path, role in
            if path == baselinePath { throw InjectedFailure() }
            try honest(bytes, path, role)
        }
        #expect(throws: InjectedFailure.self) {
            try pair.record(baseline: Array("first".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        }
        #expect(!FileManager.default.fileExists(atPath: pair.historyPath))
        #expect(!FileManager.default.fileExists(atPath: pair.baselinePath))
    }

    @Test func aFailedHistoryWriteLeavesTheBaselineUntouched() throws {
        let folder = Self.folder()
        var pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        _ = try pair.record(baseline: Array("first".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        let historyPath = pair.historyPath
        let honest = pair.writeFile
        pair.writeFile = { bytes, path, role in
            if path == historyPath { throw InjectedFailure() }
            try honest(bytes, path, role)
        }
        #expect(throws: InjectedFailure.self) {
            try pair.record(baseline: Array("second".utf8), entry: HistoryEntry(commit: "2"), limit: 52)
        }
        #expect(Self.read(pair.baselinePath) == Array("first".utf8))
    }

    @Test func refusesALinkedBaselineBeforeWritingAnything() throws {
        let folder = Self.folder()
        try "target".write(toFile: folder + "/real.json", atomically: false, encoding: .utf8)
        #expect(symlink(folder + "/real.json", folder + "/main.json") == 0)
        let pair = BaselineHistoryPair(baselinePath: folder + "/main.json", historyPath: folder + "/history/main.jsonl")
        #expect(throws: OutputFileError.self) {
            try pair.record(baseline: Array("new".utf8), entry: HistoryEntry(commit: "1"), limit: 52)
        }
        #expect(!FileManager.default.fileExists(atPath: pair.historyPath))
        #expect(try String(contentsOfFile: folder + "/real.json", encoding: .utf8) == "target")
    }
}
