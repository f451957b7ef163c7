import Foundation
import LensCore
import NIOConcurrencyHelpers

@testable import Publish

/// A fake of GitLab's merge-request notes API (v4), paginated with `X-Next-Page`.
final class FakeGitLab {
    struct Note: Sendable {
        var id: Int
        var body: String
        var authorID: Int
        var system = false
    }

    struct State: Sendable {
        var notes: [Note] = []
        var nextID = 500
        var failure: (status: Int, message: String)?
        var pageSize = 2
        /// Whether `GET /user` answers 403, as for a token without the scope to read it.
        var userForbidden = false
    }

    /// The id of the token's (bot) user.
    static let botID = 42
    let state = NIOLockedValueBox(State())
    let project = "1234"
    let iid = 5
    let server: FakeAPIServer

    init() throws {
        let state = self.state
        let project = self.project
        let iid = self.iid
        server = try FakeAPIServer { request in FakeGitLab.handle(request, state: state, project: project, iid: iid) }
    }

    var requests: [RecordedRequest] { server.requests }
    var notes: [Note] { state.withLockedValue { $0.notes } }

    func add(_ body: String, authorID: Int = FakeGitLab.botID, system: Bool = false) {
        state.withLockedValue { state in
            state.notes.append(Note(id: state.nextID, body: body, authorID: authorID, system: system))
            state.nextID += 1
        }
    }

    func fail(_ status: Int, _ message: String) { state.withLockedValue { $0.failure = (status, message) } }

    /// Makes `GET /user` answer 403.
    func forbidUser() { state.withLockedValue { $0.userForbidden = true } }

    /// The username of a user id: the token's bot user has its own.
    static func username(_ id: Int) -> String { id == botID ? "project_1234_bot" : "user\(id)" }

    /// The environment of a merge-request pipeline, pointed at this fake.
    func environment(token: String? = "glpat-FAKE_TOKEN_0123456789") -> [String: String] {
        var environment = [
            "CI_API_V4_URL": server.baseURL + "/api/v4", "CI_PROJECT_ID": project, "CI_MERGE_REQUEST_IID": String(iid),
            "CI_PROJECT_URL": "https://gitlab.example/group/demo", "CI_JOB_URL": "https://gitlab.example/group/demo/-/jobs/1",
        ]
        environment["LENS_GATE_GITLAB_TOKEN"] = token
        return environment
    }

    func shutdown() { server.shutdown() }

    private static func handle(_ request: RecordedRequest, state: NIOLockedValueBox<State>, project: String, iid: Int) -> FakeResponse {
        state.withLockedValue { state in
            if let failure = state.failure {
                return FakeResponse(status: failure.status, body: #"{"message":"\#(failure.message)"}"#)
            }
            let notesPath = "/api/v4/projects/\(project)/merge_requests/\(iid)/notes"
            switch (request.method, request.path) {
            case ("GET", "/api/v4/user"):
                if state.userForbidden { return FakeResponse(status: 403, body: #"{"message":"403 Forbidden"}"#) }
                return FakeResponse(status: 200, body: #"{"id":\#(botID),"username":"project_1234_bot","bot":true}"#)
            case ("GET", notesPath):
                let page = Int(request.query("page") ?? "1") ?? 1
                let start = (page - 1) * state.pageSize
                let slice = state.notes.dropFirst(start).prefix(state.pageSize)
                let next = start + state.pageSize < state.notes.count ? String(page + 1) : ""
                return FakeResponse(
                    status: 200, headers: [("X-Next-Page", next), ("X-Page", String(page))],
                    body: JSONWriter().string(.array(slice.map { JSONNode(render($0)) })))
            case ("POST", notesPath):
                guard let body = FakeGitHub.bodyField(request.body) else {
                    return FakeResponse(status: 400, body: #"{"error":"body is missing"}"#)
                }
                let note = Note(id: state.nextID, body: body, authorID: botID)
                state.nextID += 1
                state.notes.append(note)
                return FakeResponse(status: 201, body: JSONWriter().string(render(note)))
            case ("PUT", let path) where path.hasPrefix(notesPath + "/"):
                guard let id = Int(path.dropFirst(notesPath.count + 1)), let index = state.notes.firstIndex(where: { $0.id == id }),
                    let body = FakeGitHub.bodyField(request.body)
                else { return FakeResponse(status: 404, body: #"{"message":"404 Not found"}"#) }
                state.notes[index].body = body
                return FakeResponse(status: 200, body: JSONWriter().string(render(state.notes[index])))
            default:
                return FakeResponse(status: 404, body: #"{"message":"404 Not found"}"#)
            }
        }
    }

    private static func render(_ note: Note) -> JSONValue {
        .fields([
            "id": .integer(note.id), "body": .string(note.body), "system": .bool(note.system),
            "author": .fields(["id": .integer(note.authorID), "username": .string(username(note.authorID))]),
        ])
    }
}
