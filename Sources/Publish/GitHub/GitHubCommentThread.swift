import LensCore

/// The comments of a GitHub pull request through the REST API (issue comments).
public struct GitHubCommentThread: CommentThread {
    /// Pages followed at most (100 comments each): a bound against a server that links forever.
    static let maximumPages = 100

    /// How requests are sent.
    public var transport: any HTTPTransport
    /// The API root, e.g. `https://api.github.com`, without a trailing slash.
    public var apiURL: String
    /// The pull request.
    public var pullRequest: GitHubPullRequest
    /// The token, sent as `Authorization: Bearer`.
    public var token: Secret
    /// The environment variable the token came from, to name it in messages.
    public var tokenVariable: String
    /// The login lens-gate posts as; nil: any bot account (`github-actions[bot]` with `GITHUB_TOKEN`).
    public var author: String?

    /// Creates the thread.
    public init(
        transport: any HTTPTransport, apiURL: String, pullRequest: GitHubPullRequest, token: Secret,
        tokenVariable: String, author: String? = nil
    ) {
        self.transport = transport
        self.apiURL = apiURL
        self.pullRequest = pullRequest
        self.token = token
        self.tokenVariable = tokenVariable
        self.author = author
    }

    private var headers: [String] {
        [
            "Authorization: Bearer \(token.revealedForTransport)", "Accept: application/vnd.github+json",
            "X-GitHub-Api-Version: 2022-11-28", "User-Agent: lens-gate/\(LensVersion.current)", "Content-Type: application/json",
        ]
    }

    /// Every comment of the pull request, following `Link: rel="next"` on the same API.
    public func comments() throws(CommentFailure) -> [PostedComment] {
        var next: String? = "\(apiURL)/repos/\(pullRequest.repository)/issues/\(pullRequest.number)/comments?per_page=100"
        var found: [PostedComment] = []
        var pages = 0
        while let url = next, pages < GitHubCommentThread.maximumPages {
            let response = try api.send(HTTPRequest(method: "GET", url: url, headerLines: headers), doing: "list the comments")
            guard let items = APIResponse.json(response)?.elements else {
                throw CommentFailure(
                    platform: "GitHub", reason: "listing the comments of \(pullRequest) returned something other than a JSON array",
                    remedy: "check that GITHUB_API_URL (\(apiURL)) is the REST API root")
            }
            found += items.compactMap(comment)
            pages += 1
            // Follow `rel="next"` only on the same API: the token must never travel elsewhere.
            next = LinkHeader.next(in: response.header("Link")).flatMap { $0.hasPrefix(apiURL + "/") ? $0 : nil }
        }
        return found
    }

    /// `PATCH /repos/{owner}/{repo}/issues/comments/{id}`.
    public func update(_ id: Int, body: String) throws(CommentFailure) -> String? {
        let request = HTTPRequest(
            method: "PATCH", url: "\(apiURL)/repos/\(pullRequest.repository)/issues/comments/\(id)",
            headerLines: headers, body: JSONWriter().compactBytes(.fields(["body": .string(body)])))
        return APIResponse.json(try api.send(request, doing: "update comment \(id)"))?["html_url"]?.stringValue
    }

    /// `POST /repos/{owner}/{repo}/issues/{number}/comments`.
    public func create(body: String) throws(CommentFailure) -> String? {
        let request = HTTPRequest(
            method: "POST", url: "\(apiURL)/repos/\(pullRequest.repository)/issues/\(pullRequest.number)/comments",
            headerLines: headers, body: JSONWriter().compactBytes(.fields(["body": .string(body)])))
        return APIResponse.json(try api.send(request, doing: "create a comment"))?["html_url"]?.stringValue
    }

    private func comment(_ item: JSONValue) -> PostedComment? {
        guard let id = item["id"]?.integerValue, let body = item["body"]?.stringValue else { return nil }
        let login = item["user"]?["login"]?.stringValue
        let byUs = author.map { $0.lowercased() == login?.lowercased() } ?? (item["user"]?["type"]?.stringValue == "Bot")
        return PostedComment(id: id, body: body, byUs: byUs, url: item["html_url"]?.stringValue)
    }

    /// The API as this pull request's requests use it.
    private var api: CommentAPI {
        CommentAPI(
            platform: "GitHub", url: apiURL, urlVariable: "GITHUB_API_URL", transport: transport,
            target: "\(pullRequest)", remedy: remedy, redactor: Redactor([token]))
    }

    /// What to change when GitHub answers with an error status.
    private func remedy(_ response: HTTPResponse) -> String {
        switch response.status {
        case 401: "the token in \(tokenVariable) was rejected: pass a valid token (the job's GITHUB_TOKEN, or --token-env NAME)"
        case 403 where response.header("x-ratelimit-remaining") == "0":
            "the API rate limit is exhausted: retry later or use the job's GITHUB_TOKEN"
        case 403:
            "give the job 'permissions: pull-requests: write'; pull requests from forks get a read-only token, so post from a workflow_run workflow (docs/ci.md, two-workflow pattern)"
        case 404: "check --repo/GITHUB_REPOSITORY and --pr, and that the token can see the repository"
        case 422: "GitHub refused the comment body; the full report is in the job summary"
        default: "check the GitHub API status and GITHUB_API_URL (\(apiURL))"
        }
    }
}
