/// Reads and writes the bounded baseline history, one JSON object per line (JSON Lines).
public enum HistoryFile {
    /// How many refreshes are kept by default: a year of weekly refreshes.
    public static let defaultLimit = 52

    /// The conventional history path for a baseline: `baselines/main.json` → `baselines/history/main.jsonl`.
    public static func defaultPath(forBaseline baseline: String) -> String {
        let directory = PathNames.directory(of: baseline)
        var name = PathNames.lastComponent(of: baseline)
        if name.hasSuffix(".json") { name.removeLast(5) }
        return "\(directory)/history/\(name).jsonl"
    }

    /// The baseline a history at the conventional place belongs to, when that file exists:
    /// `baselines/history/main.jsonl` → `baselines/main.json`.
    public static func conventionalBaseline(forHistory history: String) -> String? {
        let folder = PathNames.directory(of: history)
        var name = PathNames.lastComponent(of: history)
        guard PathNames.lastComponent(of: folder) == "history", name.hasSuffix(".jsonl") else { return nil }
        name.removeLast(6)
        let baseline = "\(PathNames.directory(of: folder))/\(name).json"
        return InputFile.exists(baseline) ? baseline : nil
    }

    /// What `load` found: the entries that belong to the baseline, and what it left out.
    public struct Loaded: Sendable, Equatable {
        /// The entries, oldest first, without orphans.
        public var entries: [HistoryEntry]
        /// Whether a torn last line was ignored (only an interrupted writer of an older,
        /// non-atomic format could leave one).
        public var ignoredTrailingLine: Bool
        /// The 1-based line numbers of orphans left out: lines of updates whose baseline never
        /// landed (`HistoryLineage`).
        public var orphanLines: [Int]
    }

    /// Loads the entries that belong to `baseline`, oldest first. A missing file is an empty history.
    ///
    /// Orphans — lines of updates whose baseline never landed — are left out by `HistoryLineage`'s
    /// rule. A last line that does not parse is ignored (reported in `ignoredTrailingLine`). Any
    /// other bad line is an input error naming its line.
    public static func load(_ path: String, baseline: HistoryLineage.CurrentBaseline) throws(InputError) -> Loaded {
        guard InputFile.exists(path) else { return Loaded(entries: [], ignoredTrailingLine: false, orphanLines: []) }
        let bytes = try InputFile.read(path, role: "history")
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        var entries: [HistoryEntry] = []
        var lineNumbers: [Int] = []
        var ignored = false
        let nonEmpty = lines.enumerated().filter { !$0.element.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        for (position, (index, line)) in nonEmpty.enumerated() {
            do {
                let node = try JSONParser.parse(Array(line))
                entries.append(try HistoryEntry(json: node))
                lineNumbers.append(index + 1)
            } catch let error as JSONSyntaxError {
                if position == nonEmpty.count - 1 {
                    ignored = true
                    continue
                }
                throw InputError(
                    file: path, position: TextPosition(line: index + 1, column: error.position.column),
                    reason: "invalid JSON: \(error.reason)")
            } catch let error as FieldError {
                throw InputError(
                    file: path, position: TextPosition(line: index + 1, column: error.position.column),
                    field: error.path, reason: error.reason)
            } catch {
                throw InputError(file: path, position: TextPosition(line: index + 1, column: 1), reason: "\(error)")
            }
        }
        let orphans = HistoryLineage.orphans(in: entries, current: baseline)
        let left = Set(orphans)
        return Loaded(
            entries: entries.indices.filter { !left.contains($0) }.map { entries[$0] },
            ignoredTrailingLine: ignored, orphanLines: orphans.map { lineNumbers[$0] })
    }

    /// The file content for `entries`, keeping only the newest `limit`.
    public static func encode(_ entries: [HistoryEntry], limit: Int = defaultLimit) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries.suffix(max(limit, 0)) {
            bytes += JSONWriter().compactBytes(entry.json)
        }
        return bytes
    }
}
