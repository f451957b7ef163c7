import LensCore

/// What posting a sticky comment did.
public enum CommentOutcome: Sendable, Equatable, CustomStringConvertible {
    /// A new comment was created.
    case created(url: String?)
    /// Our existing comment was updated.
    case updated(url: String?)
    /// Our existing comment already had this text; nothing was sent.
    case unchanged(url: String?)
    /// Nothing was attempted, for the stated reason (no token in a fork, not a merge request).
    case skipped(reason: String)

    /// The outcome with the token and URL credentials hidden in the URLs and reason the API gave.
    public func redacted(by redactor: Redactor) -> CommentOutcome {
        switch self {
        case .created(let url): .created(url: url.map(redactor.redact))
        case .updated(let url): .updated(url: url.map(redactor.redact))
        case .unchanged(let url): .unchanged(url: url.map(redactor.redact))
        case .skipped(let reason): .skipped(reason: redactor.redact(reason))
        }
    }

    /// What happened, for the log line.
    public var description: String {
        switch self {
        case .created(let url): "created the comment" + (url.map { " \($0)" } ?? "")
        case .updated(let url): "updated the comment" + (url.map { " \($0)" } ?? "")
        case .unchanged(let url): "the comment is up to date, nothing sent" + (url.map { " (\($0))" } ?? "")
        case .skipped(let reason): "skipped: \(reason)"
        }
    }
}
