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
