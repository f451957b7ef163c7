/// The version of lens-gate, written into results files and printed by `--version`.
public enum LensVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
