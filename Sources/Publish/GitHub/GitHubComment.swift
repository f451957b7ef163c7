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
    /// The login the comment is posted as; nil: any bot account.
    public var author: String?
    /// Where the full report is (linked when the body is cut); nil: this run's page.
    public var summaryURL: String?

    /// Creates the job.
    public init(
        name: String, repository: String? = nil, pullRequest: Int? = nil, tokenVariable: String? = nil,
        author: String? = nil, summaryURL: String? = nil
    ) {
        self.name = name
        self.repository = repository
        self.pullRequest = pullRequest
        self.tokenVariable = tokenVariable
        self.author = author
        self.summaryURL = summaryURL
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
        let body = CommentBody(name: name, markdown: markdown, limit: GitHubComment.sizeLimit, fullReportURL: summaryURL ?? context.runURL)
        return try StickyComment(body: body).post(on: thread)
    }
}
