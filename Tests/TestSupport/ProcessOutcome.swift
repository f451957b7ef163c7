/// How a child process ended: its exit status and what it printed.
public struct ProcessOutcome: Sendable {
    /// The exit status (or the signal number when it was killed).
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String

    /// Creates an outcome.
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Both streams, for searches that must cover everything printed.
    public var all: String { stdout + "\n" + stderr }
}
