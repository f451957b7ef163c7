import Foundation
import Publish

/// The command line's plain output files: where a path's folder is, and writing a whole file.
enum OutputFile {
    /// The folder `path` is in ("." for a bare file name).
    static func directory(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Writes `text` to `path`; a failure names the file and what it is (`role`).
    static func write(_ text: String, to path: String, role: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw PublishError(path: path, role: role, cause: error.localizedDescription)
        }
    }
}
