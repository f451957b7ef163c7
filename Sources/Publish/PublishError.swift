import LensCore

/// An output file that could not be written — a report, or a file the CI platform gave us
/// (`$GITHUB_OUTPUT`): exit 2.
public struct PublishError: DiagnosedError, Equatable {
    /// The file.
    public var path: String
    /// What the file is for.
    public var role: String
    /// Why writing failed.
    public var cause: String

    /// Creates the error.
    public init(path: String, role: String, cause: String) {
        self.path = path
        self.role = role
        self.cause = cause
    }

    /// Always an input error: the environment named a file we cannot write.
    public var exitStatus: ExitStatus { .inputError }
    /// `PATH: cannot write the ROLE: cause`.
    public var description: String { "\(path): cannot write the \(role): \(cause)" }
}
