import LensCore

/// The one line a command prints when it left history lines out.
enum HistoryNotice {
    /// Says on stderr which orphan lines (of updates whose baseline never landed) were ignored.
    static func report(_ loaded: HistoryFile.Loaded, path: String, console: Console = .standard) {
        guard let first = loaded.orphanLines.first else { return }
        let lines = loaded.orphanLines.count == 1 ? "line \(first)" : "lines " + loaded.orphanLines.map(String.init).joined(separator: ", ")
        console.writeError("lens-gate: \(path): ignored \(lines): written by a 'baseline update' whose baseline never landed")
    }
}
