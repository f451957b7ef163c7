/// The folder and last component of a path as text (no file system access, no normalisation).
public enum PathNames {
    /// The folder `path` is in: `a/b.json` → `a`, `b.json` → `.`, `/b.json` → `/`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// The last component of `path`: `a/b.json` → `b.json`.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
