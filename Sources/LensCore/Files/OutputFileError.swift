/// A file lens-gate was asked to write — results, a report, a baseline, a file the CI platform
/// named (`$GITHUB_OUTPUT`) — that it could not or would not write: exit 2.
public struct OutputFileError: DiagnosedError, Equatable {
    /// The file as the user (or the environment) named it.
    public var path: String
    /// What the file is for ("JUnit report", "baseline").
    public var role: String
    /// Why writing failed or was refused.
    public var cause: String

    /// Creates the error.
    public init(path: String, role: String, cause: String) {
        self.path = path
        self.role = role
        self.cause = cause
    }

    /// Always an input error: the command line or the environment named a file we cannot write.
    public var exitStatus: ExitStatus { .inputError }
    /// `PATH: cannot write the ROLE: cause`.
    public var description: String { "\(path): cannot write the \(role): \(cause)" }
}
