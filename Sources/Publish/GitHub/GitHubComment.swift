import LensCore

/// `lens-gate comment github`: the sticky pull-request comment, from flags and the Actions environment.
public struct GitHubComment: Sendable {
    /// GitHub's documented maximum size of a comment body.
    public static let sizeLimit = 65_536
    /// The variable the token is read from unless `--token-env` names another.
    public static let defaultTokenVariable = "GITHUB_TOKEN"

    /// The comment's name (its marker), to keep several lens-gate comments apart.
    public var name: String
    /// `owner/name`; nil: `GITHUB_REPOSITORY`.
    public var repository: String?
    /// The pull request; nil: `pull_request.number` of the event file at `GITHUB_EVENT_PATH`.
    public var pullRequest: Int?
    /// The variable holding the token; nil: `GITHUB_TOKEN`.
    public var tokenVariable: String?
    /// The login the comment is posted as; nil: the token's user, else `github-actions[bot]`.
    public var author: String?
    /// Where the full report is (linked when the body is cut); nil: this run's page.
    public var summaryURL: String?
    /// The commit the pull request's head must be at, or nothing is posted: the commit the
    /// triggering run tested, so that a number read from that run's artifact cannot name another
    /// pull request. nil: not checked.
    public var expectedHeadCommit: String?

    /// Creates the job.
    public init(
        name: String, repository: String? = nil, pullRequest: Int? = nil, tokenVariable: String? = nil,
        author: String? = nil, summaryURL: String? = nil, expectedHeadCommit: String? = nil
    ) {
        self.name = name
        self.repository = repository
        self.pullRequest = pullRequest
        self.tokenVariable = tokenVariable
        self.author = author
        self.summaryURL = summaryURL
        self.expectedHeadCommit = expectedHeadCommit
    }

    /// Whether a text is a full commit id: 40 hexadecimal digits (SHA-1), or 64 (SHA-256 repositories).
    public static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20)
            }
    }

    /// The token this job will send, if the environment has it (to mask it before anything prints).
    public func token(in environment: [String: String]) -> Secret? {
        CredentialSource(variable: tokenVariable ?? GitHubComment.defaultTokenVariable).resolve(in: environment)
    }

    /// Posts or updates the comment; skips (without failing) when the event is not a pull request.
    ///
    /// Whatever it returns or throws has the token and URL credentials hidden: the API's messages
    /// and links are remote text.
    public func post(markdown: String, environment: [String: String], transport: any HTTPTransport) throws(CommentFailure) -> CommentOutcome
    {
        let redactor = Redactor(token(in: environment).map { [$0] } ?? [])
        do {
            return try postUnredacted(markdown: markdown, environment: environment, transport: transport).redacted(by: redactor)
        } catch {
            throw error.redacted(by: redactor)
        }
    }

    private func postUnredacted(markdown: String, environment: [String: String], transport: any HTTPTransport) throws(CommentFailure)
        -> CommentOutcome
    {
        let context = GitHubContext(environment: environment)
        let variable = tokenVariable ?? GitHubComment.defaultTokenVariable
        guard let token = token(in: environment) else {
            throw CommentFailure(
                platform: "GitHub", reason: "no token in \(variable)",
                remedy: "set 'env: \(variable): ${{ github.token }}' on the step (or name another variable with --token-env)")
        }
        guard let repository = repository ?? context.repository else {
            throw CommentFailure(platform: "GitHub", reason: "no repository", remedy: "pass --repo OWNER/NAME or set GITHUB_REPOSITORY")
        }
        var number = pullRequest
        if number == nil, let eventPath = context.eventPath {
            number = try GitHubPullRequest.number(inEventFile: eventPath)
        }
        guard let number else {
            return .skipped(reason: "not a pull request (no pull_request.number in GITHUB_EVENT_PATH); pass --pr N to comment on one")
        }
        let target = try GitHubPullRequest(repository: repository, number: number)
        let thread = GitHubCommentThread(
            transport: transport, apiURL: context.apiURL, pullRequest: target, token: token,
            tokenVariable: variable, author: author)
        if let expected = expectedHeadCommit { try refuseUnlessHead(of: thread, is: expected) }
        let body = CommentBody(name: name, markdown: markdown, limit: GitHubComment.sizeLimit, fullReportURL: summaryURL ?? context.runURL)
        return try StickyComment(body: body).post(on: thread)
    }

    /// Fails unless the pull request's head is the expected commit (compared without case).
    private func refuseUnlessHead(of thread: GitHubCommentThread, is expected: String) throws(CommentFailure) {
        guard GitHubComment.isCommitID(expected) else {
            throw CommentFailure(
                platform: "GitHub", reason: "'\(APIResponse.singleLine(expected, limit: 80))' is not a commit id",
                remedy: "pass --expect-head-sha with the run's full head commit (github.event.workflow_run.head_sha)")
        }
        let head = try thread.headCommit()
        guard head.lowercased() != expected.lowercased() else { return }
        throw CommentFailure(
            platform: "GitHub",
            reason: "refusing to post: \(thread.pullRequest) is at commit \(APIResponse.singleLine(head, limit: 64)), "
                + "not \(expected) that the run tested",
            remedy: "the pull request number does not belong to that run (e.g. an artifact from a fork naming another pull request), "
                + "or the pull request has moved on and its newer run will comment")
    }
}
