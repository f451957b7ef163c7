/// A comment already on the pull or merge request.
public struct PostedComment: Sendable, Equatable {
    /// The platform's id of the comment.
    public var id: Int
    /// The comment text.
    public var body: String
    /// Whether the author is the one lens-gate posts as (a bot, or the named login).
    public var byUs: Bool
    /// Where the comment can be seen.
    public var url: String?

    /// Creates a posted comment.
    public init(id: Int, body: String, byUs: Bool, url: String? = nil) {
        self.id = id
        self.body = body
        self.byUs = byUs
        self.url = url
    }
}

/// The comments of one pull or merge request, through a platform's API.
public protocol CommentThread {
    /// Every comment, all pages, oldest first.
    func comments() throws(CommentFailure) -> [PostedComment]
    /// Replaces the text of a comment; returns its URL when known.
    func update(_ id: Int, body: String) throws(CommentFailure) -> String?
    /// Adds a comment; returns its URL when known.
    func create(body: String) throws(CommentFailure) -> String?
}

/// One comment per name that lens-gate keeps up to date instead of adding a new one every push.
public struct StickyComment: Sendable {
    /// The text to show.
    public var body: CommentBody

    /// Creates the sticky comment.
    public init(body: CommentBody) { self.body = body }

    /// Finds our comment by author and marker, then updates it, leaves it (same text) or creates one.
    public func post(on thread: some CommentThread) throws(CommentFailure) -> CommentOutcome {
        let marker = CommentBody.marker(for: body.name)
        let existing = try thread.comments().first { $0.byUs && $0.body.contains(marker) }
        guard let existing else { return .created(url: try thread.create(body: body.text)) }
        if StickyComment.normalized(existing.body) == StickyComment.normalized(body.text) {
            return .unchanged(url: existing.url)
        }
        let url = try thread.update(existing.id, body: body.text)
        return .updated(url: url ?? existing.url)
    }

    /// Line endings unified and trailing whitespace dropped: platforms may store either.
    static func normalized(_ text: String) -> String {
        var text = text.replacingLineEndings()
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
