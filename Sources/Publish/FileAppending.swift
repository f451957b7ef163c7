import Foundation

/// Appends text to a file the CI platform named, creating it when missing.
enum FileAppending {
    /// Appends `text` to `path`.
    static func append(_ text: String, to path: String, role: String) throws(PublishError) {
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
            throw PublishError(path: path, role: role, cause: "cannot create the file")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw PublishError(path: path, role: role, cause: "cannot open it for appending")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw PublishError(path: path, role: role, cause: error.localizedDescription)
        }
    }
}
