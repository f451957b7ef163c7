/// A baseline file and its history file, written as one consistent pair.
///
/// Two files cannot be replaced in one atomic step, so the order and the history's digests make
/// the pair consistent (`HistoryLineage`): the history goes first, with the new line naming the
/// digest of the baseline about to be written and of the one it replaces; then the baseline is
/// replaced. Each file is replaced atomically (`OutputFile`). Whatever the moment a kill lands,
/// readers see the old baseline with the old history, or the new baseline with the new history,
/// or the old baseline with a history whose newest line is an orphan they ignore. If replacing
/// the baseline fails, the history is put back as it was before the command exits 2.
public struct BaselineHistoryPair {
    /// The baseline file.
    public var baselinePath: String
    /// Its history file (JSON Lines).
    public var historyPath: String
    /// How one whole file is written; `OutputFile.write` except in tests that make a step fail.
    public var writeFile: (_ bytes: [UInt8], _ path: String, _ role: String) throws -> Void

    /// A pair at these paths, written with `OutputFile.write`.
    public init(baselinePath: String, historyPath: String) {
        self.baselinePath = baselinePath
        self.historyPath = historyPath
        writeFile = { (bytes, path, role) throws(OutputFileError) in try OutputFile.write(bytes, to: path, role: role) }
    }

    /// What `record` did.
    public struct Recorded: Sendable, Equatable {
        /// The history's entries after the update (the newest last).
        public var historyCount: Int
        /// Orphan lines of earlier failed updates that were dropped from the history.
        public var droppedOrphans: Int
    }

    /// Makes `baseline` (the encoded results) the baseline and appends `entry` (its summary) to
    /// the history, keeping the newest `limit` entries and dropping orphans of earlier failures.
    public func record(baseline: [UInt8], entry: HistoryEntry, limit: Int) throws -> Recorded {
        try record(baseline: baseline, entries: [entry], limit: limit)
    }

    /// Makes `baseline` (the encoded results of the last repetition) the baseline and appends one
    /// line per repetition of the same job in `entries` (oldest first, the baseline's summary
    /// last), keeping the newest `limit` entries and dropping orphans of earlier failures. Several
    /// entries are marked as repetitions of one update and all carry the new and the replaced
    /// baseline's digests, so that the lineage keeps or drops them together (`HistoryLineage`);
    /// one entry is written exactly as a single refresh always was.
    public func record(baseline: [UInt8], entries new: [HistoryEntry], limit: Int) throws -> Recorded {
        try OutputFile.createFolder(of: baselinePath, role: "baseline")
        try OutputFile.checkWritable(baselinePath, role: "baseline")
        let replaced = try BaselineDigest.ofFile(baselinePath)
        let existing = try HistoryFile.load(historyPath, baseline: replaced.map(HistoryLineage.CurrentBaseline.digest) ?? .missing)
        let written = BaselineDigest(of: baseline)
        let lines = new.enumerated().map { position, entry in
            var line = entry
            line.baselineDigest = written
            line.replacedDigest = replaced
            line.repetition = new.count > 1 ? HistoryEntry.Repetition(index: position + 1, of: new.count) : nil
            return line
        }
        let entries = Array((existing.entries + lines).suffix(max(limit, 1)))

        try OutputFile.createFolder(of: historyPath, role: "baseline history")
        try OutputFile.checkWritable(historyPath, role: "baseline history")
        let previousHistory: [UInt8]? = isRegularFile(historyPath) ? try InputFile.read(historyPath, role: "history") : nil
        try writeFile(HistoryFile.encode(entries, limit: entries.count), historyPath, "baseline history")
        do {
            try writeFile(baseline, baselinePath, "baseline")
        } catch {
            // Best effort: the orphan rule already makes the new line harmless if this fails too.
            if let previousHistory {
                try? writeFile(previousHistory, historyPath, "baseline history")
            } else {
                OutputFile.removeCreated(historyPath)
            }
            throw error
        }
        return Recorded(historyCount: entries.count, droppedOrphans: existing.orphanLines.count)
    }

    private func isRegularFile(_ path: String) -> Bool {
        if case .regularFile = OutputDestination.of(path) { return true }
        return false
    }
}
