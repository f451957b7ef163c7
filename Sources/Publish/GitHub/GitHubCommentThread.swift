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
    /// The login lens-gate posts as; nil: the token's own user when `GET /user` answers (a personal
    /// token), else `github-actions[bot]` (the job's `GITHUB_TOKEN`). Only comments by this login
    /// are ever edited.
    public var author: String?

    /// The login comments made with the job's `GITHUB_TOKEN` have.
    public static let actionsBot = "github-actions[bot]"

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

    /// Every comment of the pull request, following `Link: rel="next"` on the same API; a comment is
    /// ours only when its author is the login lens-gate posts as.
    public func comments() throws(CommentFailure) -> [PostedComment] {
        var next: String? = "\(apiURL)/repos/\(pullRequest.repository)/issues/\(pullRequest.number)/comments?per_page=100"
        var items: [JSONValue] = []
        var pages = 0
        while let url = next, pages < GitHubCommentThread.maximumPages {
            let response = try api.send(HTTPRequest(method: "GET", url: url, headerLines: headers), doing: "list the comments")
            guard let page = APIResponse.json(response)?.elements else {
                throw CommentFailure(
                    platform: "GitHub", reason: "listing the comments of \(pullRequest) returned something other than a JSON array",
                    remedy: "check that GITHUB_API_URL (\(apiURL)) is the REST API root")
            }
            items += page
            pages += 1
            // Follow `rel="next"` only on the same API: the token must never travel elsewhere.
            next = LinkHeader.next(in: response.header("Link")).flatMap { $0.hasPrefix(apiURL + "/") ? $0 : nil }
        }
        // Who we are matters only when a comment carries a lens-gate marker: ask then, not before.
        let marked = items.contains { $0["body"]?.stringValue?.contains(CommentBody.markerPrefix) == true }
        var login = author ?? GitHubCommentThread.actionsBot
        if author == nil, marked { login = try tokenLogin() }
        return items.compactMap { comment($0, by: login) }
    }

    /// `GET /repos/{owner}/{repo}/pulls/{number}` → `head.sha`: the commit the pull request is at.
    public func headCommit() throws(CommentFailure) -> String {
        let request = HTTPRequest(
            method: "GET", url: "\(apiURL)/repos/\(pullRequest.repository)/pulls/\(pullRequest.number)", headerLines: headers)
        let response = try api.send(request, doing: "read the pull request")
        guard let sha = APIResponse.json(response)?["head"]?["sha"]?.stringValue else {
            throw CommentFailure(
                platform: "GitHub", reason: "the pull request \(pullRequest) has no head.sha in the API's answer",
                remedy: "check that GITHUB_API_URL (\(apiURL)) is the REST API root")
        }
        return sha
    }

    /// The login of the token's user (`GET /user`), or `github-actions[bot]` when the token is not a
    /// user's: the job's `GITHUB_TOKEN` and app tokens get 403 there. A rejected token is a failure.
    func tokenLogin() throws(CommentFailure) -> String {
        let request = HTTPRequest(method: "GET", url: "\(apiURL)/user", headerLines: headers)
        let response = try api.answer(request, doing: "identify the token's user")
        switch response.status {
        case 200..<300:
            guard let login = APIResponse.json(response)?["login"]?.stringValue else {
                throw CommentFailure(
                    platform: "GitHub", reason: "GET /user returned no login",
                    remedy: "pass --author LOGIN, the account lens-gate's comments are posted as")
            }
            return login
        case 403, 404: return GitHubCommentThread.actionsBot
        default: throw api.failure(response, doing: "identify the token's user")
        }
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

    private func comment(_ item: JSONValue, by login: String) -> PostedComment? {
        guard let id = item["id"]?.integerValue, let body = item["body"]?.stringValue else { return nil }
        // Logins are case-insensitive on GitHub.
        let byUs = item["user"]?["login"]?.stringValue?.lowercased() == login.lowercased()
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
