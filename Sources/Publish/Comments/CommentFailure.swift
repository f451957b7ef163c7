import LensCore

/// A comment that could not be posted: what failed and what to fix, in one line without secrets.
///
/// Posting is best effort: the comment commands print this as a warning and exit 0, unless
/// `--strict-comment` asks them to fail, with exit 2 — the CI setup (token, permissions,
/// pull request number, API URL) is the input at fault.
public struct CommentFailure: DiagnosedError, Equatable {
    /// `GitHub` or `GitLab`.
    public var platform: String
    /// What failed, and why (the API's own message when it gave one).
    public var reason: String
    /// What to change so that it works.
    public var remedy: String

    /// Creates a failure.
    public init(platform: String, reason: String, remedy: String) {
        self.platform = platform
        self.reason = reason
        self.remedy = remedy
    }

    /// The failure with the token and URL credentials hidden in its reason and remedy (both may
    /// quote what the API or the environment said).
    public func redacted(by redactor: Redactor) -> CommentFailure {
        CommentFailure(platform: platform, reason: redactor.redact(reason), remedy: redactor.redact(remedy))
    }

    /// Exit 2 when the failure is fatal (`--strict-comment`).
    public var exitStatus: ExitStatus { .inputError }
    /// `cannot comment on PLATFORM: reason; remedy`.
    public var description: String { "cannot comment on \(platform): \(reason); \(remedy)" }
}
