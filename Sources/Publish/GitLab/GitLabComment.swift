import LensCore

/// `lens-gate comment gitlab`: the sticky merge-request note, from flags and the GitLab CI environment.
public struct GitLabComment: Sendable {
    /// GitLab's maximum note size (1,000,000 characters).
    public static let sizeLimit = 1_000_000
    /// The masked CI/CD variable the token is read from unless `--token-env` names another.
    public static let defaultTokenVariable = "LENS_GATE_GITLAB_TOKEN"

    /// The comment's name (its marker).
    public var name: String
    /// Project id or path; nil: `CI_PROJECT_ID`.
    public var project: String?
    /// Merge request IID; nil: `CI_MERGE_REQUEST_IID`.
    public var mergeRequest: Int?
    /// The variable holding the token; nil: `LENS_GATE_GITLAB_TOKEN`.
    public var tokenVariable: String?
    /// Where the full report is (linked when the body is cut); nil: `CI_JOB_URL`.
    public var summaryURL: String?
    /// The username the note is posted as; nil: the token's user, from `GET /user`.
    public var author: String?

    /// Creates the job.
    public init(
        name: String, project: String? = nil, mergeRequest: Int? = nil, tokenVariable: String? = nil, summaryURL: String? = nil,
        author: String? = nil
    ) {
        self.name = name
        self.project = project
        self.mergeRequest = mergeRequest
        self.tokenVariable = tokenVariable
        self.summaryURL = summaryURL
        self.author = author
    }

    /// The token this job will send, if the environment has it.
    public func token(in environment: [String: String]) -> Secret? {
        CredentialSource(variable: tokenVariable ?? GitLabComment.defaultTokenVariable).resolve(in: environment)
    }

    /// Posts or updates the note; skips (without failing) when there is no token or no merge request.
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
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let variable = tokenVariable ?? GitLabComment.defaultTokenVariable
        guard let token = token(in: environment) else {
            return .skipped(
                reason: "no token in \(variable) (masked variables are not given to merge requests from forks); "
                    + "set a project access token with the 'api' scope as a masked variable to get the note")
        }
        guard let iid = mergeRequest ?? value("CI_MERGE_REQUEST_IID").flatMap({ Int($0) }) else {
            return .skipped(reason: "not a merge request pipeline (no CI_MERGE_REQUEST_IID); pass --mr IID to comment on one")
        }
        guard let project = project ?? value("CI_PROJECT_ID") else {
            throw CommentFailure(platform: "GitLab", reason: "no project", remedy: "pass --project ID or set CI_PROJECT_ID")
        }
        var apiURL = value("CI_API_V4_URL") ?? "https://gitlab.com/api/v4"
        while apiURL.hasSuffix("/") { apiURL.removeLast() }
        let target = try GitLabMergeRequest(project: project, iid: iid)
        let thread = GitLabNoteThread(
            transport: transport, apiURL: apiURL, mergeRequest: target, token: token,
            tokenVariable: variable, projectURL: value("CI_PROJECT_URL"), author: author)
        let body = CommentBody(
            name: name, markdown: markdown, limit: GitLabComment.sizeLimit, fullReportURL: summaryURL ?? value("CI_JOB_URL"))
        return try StickyComment(body: body).post(on: thread)
    }
}
