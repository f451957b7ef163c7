/// The identity of a baseline file's exact bytes, `fnv1a64:` and 16 hex digits.
///
/// Each history line written by `baseline update` records the digest of the baseline it wrote and
/// of the one it replaced, so that readers can tell a line whose baseline never landed (see
/// `HistoryLineage`). FNV-1a 64 (the digest of `config_fingerprint`) tells files apart by
/// accident only; it is not a defence against someone forging a file.
public struct BaselineDigest: Hashable, Sendable, CustomStringConvertible {
    /// The digest as written in history lines, e.g. `fnv1a64:9c2f0d3e4b5a6978`.
    public let text: String

    /// The digest of a baseline file's bytes.
    public init(of bytes: [UInt8]) {
        let hex = String(BenchConfig.digest(bytes), radix: 16)
        text = "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A digest read from a history line (compared as text, whatever its algorithm).
    public init(text: String) {
        self.text = text
    }

    /// The digest of the file at `path`, or nil when there is no file there.
    public static func ofFile(_ path: String, role: String = "baseline") throws(InputError) -> BaselineDigest? {
        guard InputFile.exists(path) else { return nil }
        return BaselineDigest(of: try InputFile.read(path, role: role))
    }

    public var description: String { text }
}
