import Foundation
import LensCore
import NIOConcurrencyHelpers

@testable import Publish

/// A fake of the part of GitHub's REST API that the sticky comment uses, holding comments in memory.
///
/// It serves `pageSize` comments per page (smaller than the client's per_page=100, to exercise
/// pagination) with RFC 8288 `Link` headers, and can be told to fail with a status. `GET /user`
/// answers 403 as it does for the job's `GITHUB_TOKEN`, unless `tokenLogin` names a personal
/// token's user; `GET /repos/{o}/{r}/pulls/{n}` answers the pull request's `head.sha`.
final class FakeGitHub {
    struct Comment: Sendable {
        var id: Int
        var body: String
        var login: String
        var type: String
    }

    struct State: Sendable {
        var comments: [Comment] = []
        var nextID = 1000
        var failure: (status: Int, message: String)?
        var pageSize = 2
        /// The login `GET /user` answers; nil: 403, as for `GITHUB_TOKEN` and app tokens.
        var tokenLogin: String?
        /// The pull request's head commit.
        var headSHA = "4f2a9c1e7b3d5a8f6e0c2b9d1a7f3e5c8b4d6a20"
    }

    let state = NIOLockedValueBox(State())
    let repository = "octo/demo"
    let number = 7
    let server: FakeAPIServer

    init() throws {
        let state = self.state
        let repository = self.repository
        let number = self.number
        // Next-page links name the server itself, whose port is known only once it is bound.
        let base = NIOLockedValueBox<String>("")
        server = try FakeAPIServer { request in
            FakeGitHub.handle(request, state: state, repository: repository, number: number, base: base.withLockedValue { $0 })
        }
        let url = server.baseURL
        base.withLockedValue { $0 = url }
    }

    var requests: [RecordedRequest] { server.requests }
    var comments: [Comment] { state.withLockedValue { $0.comments } }

    func add(_ body: String, login: String = "github-actions[bot]", type: String = "Bot") {
        state.withLockedValue { state in
            state.comments.append(Comment(id: state.nextID, body: body, login: login, type: type))
            state.nextID += 1
        }
    }

    func fail(_ status: Int, _ message: String) { state.withLockedValue { $0.failure = (status, message) } }

    /// Makes `GET /user` answer with this login, as for a personal access token.
    func personalToken(of login: String) { state.withLockedValue { $0.tokenLogin = login } }

    var headSHA: String { state.withLockedValue { $0.headSHA } }

    /// The environment a step in GitHub Actions would see, pointed at this fake.
    func environment(token: String = "ghs_FAKE_TOKEN_0123456789") -> [String: String] {
        [
            "GITHUB_API_URL": server.baseURL, "GITHUB_REPOSITORY": repository, "GITHUB_TOKEN": token,
            "GITHUB_SERVER_URL": "https://github.example", "GITHUB_RUN_ID": "99",
        ]
    }

    func shutdown() { server.shutdown() }

    private static func handle(_ request: RecordedRequest, state: NIOLockedValueBox<State>, repository: String, number: Int, base: String)
        -> FakeResponse
    {
        state.withLockedValue { state in
            if let failure = state.failure {
                return FakeResponse(
                    status: failure.status, body: #"{"message":"\#(failure.message)","documentation_url":"https://docs.github.com"}"#)
            }
            let listPath = "/repos/\(repository)/issues/\(number)/comments"
            let commentPrefix = "/repos/\(repository)/issues/comments/"
            switch (request.method, request.path) {
            case ("GET", "/user"):
                guard let login = state.tokenLogin else {
                    return FakeResponse(status: 403, body: #"{"message":"Resource not accessible by integration"}"#)
                }
                return FakeResponse(status: 200, body: json(.fields(["login": .string(login), "type": .string("User")])))
            case ("GET", "/repos/\(repository)/pulls/\(number)"):
                return FakeResponse(
                    status: 200, body: json(.fields(["number": .integer(number), "head": .fields(["sha": .string(state.headSHA)])])))
            case ("GET", listPath):
                let page = Int(request.query("page") ?? "1") ?? 1
                let start = (page - 1) * state.pageSize
                let slice = state.comments.dropFirst(start).prefix(state.pageSize)
                var headers: [(String, String)] = []
                if start + state.pageSize < state.comments.count {
                    headers.append(
                        (
                            "Link",
                            "<\(base)\(listPath)?per_page=100&page=\(page + 1)>; rel=\"next\", <\(base)\(listPath)?page=99>; rel=\"last\""
                        ))
                }
                return FakeResponse(
                    status: 200, headers: headers, body: json(slice.map { render($0, repository: repository, number: number) }))
            case ("POST", listPath):
                guard let body = bodyField(request.body) else {
                    return FakeResponse(status: 422, body: #"{"message":"Validation Failed"}"#)
                }
                let comment = Comment(id: state.nextID, body: body, login: state.tokenLogin ?? "github-actions[bot]", type: "Bot")
                state.nextID += 1
                state.comments.append(comment)
                return FakeResponse(status: 201, body: json(render(comment, repository: repository, number: number)))
            case ("PATCH", let path) where path.hasPrefix(commentPrefix):
                guard let id = Int(path.dropFirst(commentPrefix.count)), let index = state.comments.firstIndex(where: { $0.id == id }),
                    let body = bodyField(request.body)
                else { return FakeResponse(status: 404, body: #"{"message":"Not Found"}"#) }
                state.comments[index].body = body
                return FakeResponse(status: 200, body: json(render(state.comments[index], repository: repository, number: number)))
            default:
                return FakeResponse(status: 404, body: #"{"message":"Not Found"}"#)
            }
        }
    }

    private static func render(_ comment: Comment, repository: String, number: Int) -> JSONValue {
        .fields([
            "id": .integer(comment.id), "body": .string(comment.body),
            "html_url": .string("https://github.example/\(repository)/pull/\(number)#issuecomment-\(comment.id)"),
            "user": .fields(["login": .string(comment.login), "type": .string(comment.type)]),
        ])
    }

    private static func json(_ values: [JSONValue]) -> String { JSONWriter().string(.array(values.map { JSONNode($0) })) }
    private static func json(_ value: JSONValue) -> String { JSONWriter().string(value) }

    static func bodyField(_ text: String) -> String? {
        (try? JSONParser.parse(text))?.value["body"]?.stringValue
    }
}
