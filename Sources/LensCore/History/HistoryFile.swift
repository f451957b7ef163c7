/// Reads and writes the bounded baseline history, one JSON object per line (JSON Lines).
public enum HistoryFile {
    /// How many refreshes are kept by default: a year of weekly refreshes.
    public static let defaultLimit = 52

    /// The conventional history path for a baseline: `baselines/main.json` → `baselines/history/main.jsonl`.
    public static func defaultPath(forBaseline baseline: String) -> String {
        let directory = AtomicFile.parentDirectory(of: baseline)
        var name = AtomicFile.baseName(of: baseline)
        if name.hasSuffix(".json") { name.removeLast(5) }
        return "\(directory)/history/\(name).jsonl"
    }

    /// Loads the entries, oldest first. A missing file is an empty history.
    ///
    /// A last line that does not parse is ignored (reported in `ignoredTrailingLine`): only an
    /// interrupted writer of an older, non-atomic format could leave one. Any other bad line is
    /// an input error naming its line.
    public static func load(_ path: String) throws(InputError) -> (entries: [HistoryEntry], ignoredTrailingLine: Bool) {
        guard InputFile.exists(path) else { return ([], false) }
        let bytes = try InputFile.read(path, role: "history")
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        var entries: [HistoryEntry] = []
        var ignored = false
        let nonEmpty = lines.enumerated().filter { !$0.element.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        for (position, (index, line)) in nonEmpty.enumerated() {
            do {
                let node = try JSONParser.parse(Array(line))
                entries.append(try HistoryEntry(json: node))
            } catch let error as JSONSyntaxError {
                if position == nonEmpty.count - 1 { ignored = true; continue }
                throw InputError(file: path, position: TextPosition(line: index + 1, column: error.position.column),
                                 reason: "invalid JSON: \(error.reason)")
            } catch let error as FieldError {
                throw InputError(file: path, position: TextPosition(line: index + 1, column: error.position.column),
                                 field: error.path, reason: error.reason)
            } catch {
                throw InputError(file: path, position: TextPosition(line: index + 1, column: 1), reason: "\(error)")
            }
        }
        return (entries, ignored)
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
