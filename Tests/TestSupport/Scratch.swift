import Foundation

/// Fresh paths under the temporary folder, for files and folders a test makes.
public enum Scratch {
    /// A new, empty folder.
    public static func directory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path that does not exist yet, ending in `.ext`.
    public static func file(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-test-\(UUID().uuidString).\(ext)").path
    }
}

/// The repository the tests run from, found from this source file's location.
public enum Repository {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The absolute path of `relative` inside the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
