import LensCore

/// The notes (comments) of a GitLab merge request through the REST API v4.
public struct GitLabNoteThread: CommentThread {
    /// Pages followed at most (100 notes each).
    static let maximumPages = 100

    /// How requests are sent.
    public var transport: any HTTPTransport
    /// The API root (`CI_API_V4_URL`, e.g. `https://gitlab.com/api/v4`), without a trailing slash.
    public var apiURL: String
    /// The merge request.
    public var mergeRequest: GitLabMergeRequest
    /// The token, sent as `PRIVATE-TOKEN`.
    public var token: Secret
    /// The environment variable the token came from, to name it in messages.
    public var tokenVariable: String
    /// The web page of the project (`CI_PROJECT_URL`), to link notes.
    public var projectURL: String?
    /// The username lens-gate posts as; nil: the token's own user (`GET /user`). Only notes by this
    /// user are ever edited.
    public var author: String?

    /// Creates the thread.
    public init(
        transport: any HTTPTransport, apiURL: String, mergeRequest: GitLabMergeRequest, token: Secret,
        tokenVariable: String, projectURL: String? = nil, author: String? = nil
    ) {
        self.transport = transport
        self.apiURL = apiURL
        self.mergeRequest = mergeRequest
        self.token = token
        self.tokenVariable = tokenVariable
        self.projectURL = projectURL
        self.author = author
    }

    /// Who lens-gate posts as: a user id (from `GET /user`) or a username (from `--author`).
    enum Poster {
        case id(Int)
        case username(String)

        /// Whether a note's `author` object is this poster (usernames compared without case).
        func wrote(_ author: JSONValue?) -> Bool {
            switch self {
            case .id(let id): author?["id"]?.integerValue == id
            case .username(let name): author?["username"]?.stringValue?.lowercased() == name.lowercased()
            }
        }
    }

    private var headers: [String] {
        [
            "PRIVATE-TOKEN: \(token.revealedForTransport)", "User-Agent: lens-gate/\(LensVersion.current)",
            "Content-Type: application/json", "Accept: application/json",
        ]
    }

    private var notesURL: String { "\(apiURL)/projects/\(mergeRequest.projectSegment)/merge_requests/\(mergeRequest.iid)/notes" }

    /// Every note of the merge request, following `X-Next-Page`.
    public func comments() throws(CommentFailure) -> [PostedComment] {
        let me: Poster
        if let author { me = .username(author) } else { me = try tokenUser() }
        var found: [PostedComment] = []
        var page: Int? = 1
        var pages = 0
        while let current = page, pages < GitLabNoteThread.maximumPages {
            let url = "\(notesURL)?sort=asc&order_by=created_at&per_page=100&page=\(current)"
            let response = try api.send(HTTPRequest(method: "GET", url: url, headerLines: headers), doing: "list the notes")
            guard let items = APIResponse.json(response)?.elements else {
                throw CommentFailure(
                    platform: "GitLab", reason: "listing the notes of \(mergeRequest) returned something other than a JSON array",
                    remedy: "check that CI_API_V4_URL (\(apiURL)) is the API v4 root")
            }
            found += items.compactMap { note(from: $0, me: me) }
            pages += 1
            // `X-Next-Page` is empty on the last page.
            page = response.header("X-Next-Page").flatMap { Int($0.trimmingSpaces) }.flatMap { $0 > current ? $0 : nil }
        }
        return found
    }

    /// `PUT /projects/:id/merge_requests/:iid/notes/:note_id`.
    public func update(_ id: Int, body: String) throws(CommentFailure) -> String? {
        let request = HTTPRequest(
            method: "PUT", url: "\(notesURL)/\(id)", headerLines: headers,
            body: JSONWriter().compactBytes(.fields(["body": .string(body)])))
        _ = try api.send(request, doing: "update note \(id)")
        return link(id)
    }

    /// `POST /projects/:id/merge_requests/:iid/notes`.
    public func create(body: String) throws(CommentFailure) -> String? {
        let request = HTTPRequest(
            method: "POST", url: notesURL, headerLines: headers,
            body: JSONWriter().compactBytes(.fields(["body": .string(body)])))
        let response = try api.send(request, doing: "create a note")
        return APIResponse.json(response)?["id"]?.integerValue.flatMap(link)
    }

    /// The user the token belongs to (a project access token's bot user). Without it no note can be
    /// told to be ours, so a token that may not read `GET /user` is a failure, never a guess.
    private func tokenUser() throws(CommentFailure) -> Poster {
        let request = HTTPRequest(method: "GET", url: "\(apiURL)/user", headerLines: headers)
        let response = try api.answer(request, doing: "reach the API")
        guard response.succeeded else {
            var failure = api.failure(response, doing: "identify the token's user")
            if response.status != 401 { failure.remedy += "; or pass --author USERNAME, the user lens-gate's notes are posted as" }
            throw failure
        }
        guard let id = APIResponse.json(response)?["id"]?.integerValue else {
            throw CommentFailure(
                platform: "GitLab", reason: "GET /user returned no user id",
                remedy: "check that CI_API_V4_URL (\(apiURL)) is the API v4 root, or pass --author USERNAME")
        }
        return .id(id)
    }

    private func note(from item: JSONValue, me: Poster) -> PostedComment? {
        guard let id = item["id"]?.integerValue, let body = item["body"]?.stringValue else { return nil }
        if case .bool(true) = item["system"] { return nil }
        return PostedComment(id: id, body: body, byUs: me.wrote(item["author"]), url: link(id))
    }

    private func link(_ id: Int) -> String? {
        projectURL.map { "\($0)/-/merge_requests/\(mergeRequest.iid)#note_\(id)" }
    }

    /// The API as this merge request's requests use it.
    private var api: CommentAPI {
        CommentAPI(
            platform: "GitLab", url: apiURL, urlVariable: "CI_API_V4_URL", transport: transport,
            target: "\(mergeRequest)", remedy: remedy, redactor: Redactor([token]))
    }

    /// What to change when GitLab answers with an error status.
    private func remedy(_ response: HTTPResponse) -> String {
        switch response.status {
        case 401: "the token in \(tokenVariable) was rejected (expired or revoked?): create a project access token with the 'api' scope"
        case 403: "the token in \(tokenVariable) needs the 'api' scope and at least the Reporter role"
        case 404: "check --project/CI_PROJECT_ID and --mr/CI_MERGE_REQUEST_IID, and that the token's user can see the project"
        case 422: "GitLab refused the note body; the full report is in the job artifacts"
        default: "check the GitLab API status and CI_API_V4_URL (\(apiURL))"
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
