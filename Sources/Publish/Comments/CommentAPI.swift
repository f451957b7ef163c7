import LensCore

/// A platform's comment REST API as one thread of comments uses it, so that GitHub and GitLab send
/// requests and word unreachable hosts and error statuses the same way.
struct CommentAPI {
    /// `GitHub` or `GitLab`.
    var platform: String
    /// The API root, without a trailing slash.
    var url: String
    /// The environment variable that sets the API root, named in remedies.
    var urlVariable: String
    /// How requests are sent.
    var transport: any HTTPTransport
    /// The pull or merge request the comments belong to, as messages name it.
    var target: String
    /// What to change for an error status: the platform's own advice for its tokens and permissions.
    var remedy: (HTTPResponse) -> String
    /// Hides the token (and URL credentials) in everything the API or libcurl says back.
    var redactor: Redactor

    /// Sends `request`; no answer or a status other than 2xx is a failure.
    func send(_ request: HTTPRequest, doing action: String) throws(CommentFailure) -> HTTPResponse {
        let response = try answer(request, doing: action)
        guard response.succeeded else { throw failure(response, doing: action) }
        return response
    }

    /// Sends `request` and returns the response whatever its status; only no answer is a failure.
    func answer(_ request: HTTPRequest, doing action: String) throws(CommentFailure) -> HTTPResponse {
        do {
            return try transport.send(request)
        } catch {
            throw CommentFailure(
                platform: platform, reason: "could not \(action): \(error.reason)",
                remedy: "check that \(urlVariable) (\(url)) is reachable from the runner"
            ).redacted(by: redactor)
        }
    }

    /// The failure for an error status, with the API's own message (redacted) when it gave one.
    func failure(_ response: HTTPResponse, doing action: String) -> CommentFailure {
        let apiMessage = APIResponse.message(response, redactor: redactor).map { " (\($0))" } ?? ""
        let reason = "could not \(action) on \(target): HTTP \(response.status)\(apiMessage)"
        return CommentFailure(platform: platform, reason: reason, remedy: remedy(response)).redacted(by: redactor)
    }
}
