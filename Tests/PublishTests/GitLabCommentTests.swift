import Foundation
import LensCore
import Testing

@testable import Publish

/// The sticky merge-request note against a fake GitLab API on 127.0.0.1, through libcurl.
@Suite struct GitLabCommentTests {
    let markdown = "### ✅ lens-gate passed\n"
    let job = GitLabComment(name: "default")

    @Test func createsTheNoteWithThePrivateTokenHeader() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        let outcome = try job.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        guard case .created(let url) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(url == "https://gitlab.example/group/demo/-/merge_requests/5#note_500")
        #expect(fake.notes.map(\.body) == ["<!-- lens-gate:default -->\n" + markdown])
        #expect(fake.requests.map(\.method) == ["GET", "GET", "POST"])
        for request in fake.requests {
            #expect(request.header("PRIVATE-TOKEN") == "glpat-FAKE_TOKEN_0123456789")
            #expect(request.header("Authorization") == nil)
        }
    }

    @Test func updatesOurNoteOnALaterPageAndSkipsWhenUnchanged() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        fake.add("hello", authorID: 1)
        fake.add("<!-- lens-gate:default -->\nby a person", authorID: 1)
        fake.add("<!-- lens-gate:default -->\nsystem note", system: true)
        fake.add("<!-- lens-gate:default -->\nold")
        let outcome = try job.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        guard case .updated = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(fake.requests.filter { $0.method == "GET" && $0.path.hasSuffix("/notes") }.map { $0.query("page") } == ["1", "2"])
        #expect(fake.requests.last?.method == "PUT")
        #expect(fake.requests.last?.path == "/api/v4/projects/1234/merge_requests/5/notes/503")
        #expect(fake.notes[3].body == "<!-- lens-gate:default -->\n" + markdown)
        #expect(fake.notes[1].body.hasSuffix("by a person"))

        let again = try job.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        guard case .unchanged = again else {
            Issue.record("\(again)")
            return
        }
        #expect(fake.requests.last?.method == "GET")
    }

    /// A token that may not read GET /user cannot tell our notes from anyone's: nothing is edited
    /// or created, and the failure names --author.
    @Test func aTokenThatCannotReadItsUserEditsNothing() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        fake.forbidUser()
        fake.add("<!-- lens-gate:default -->\nby a person", authorID: 1)
        let failure = try #require(throws: CommentFailure.self) {
            try job.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        }
        #expect(failure.description.contains("could not identify the token's user on 1234!5: HTTP 403 (403 Forbidden)"), "\(failure)")
        #expect(failure.description.contains("pass --author USERNAME"), "\(failure)")
        #expect(fake.requests.map(\.method) == ["GET"])
        #expect(fake.notes.map(\.body) == ["<!-- lens-gate:default -->\nby a person"])
    }

    /// --author names the poster by username (without case): GET /user is not needed, and a
    /// person's note with the marker is left alone.
    @Test func anAuthorUsernameSelectsTheNote() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        fake.forbidUser()
        fake.add("<!-- lens-gate:default -->\nby a person", authorID: 1)
        fake.add("<!-- lens-gate:default -->\nold")
        let named = GitLabComment(name: "default", author: "Project_1234_Bot")
        let outcome = try named.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        guard case .updated = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(!fake.requests.contains { $0.path == "/api/v4/user" })
        #expect(fake.notes.map(\.body) == ["<!-- lens-gate:default -->\nby a person", "<!-- lens-gate:default -->\n" + markdown])
    }

    @Test func withoutATokenItSkipsQuietly() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        let outcome = try job.post(markdown: markdown, environment: fake.environment(token: nil), transport: CurlTransport())
        guard case .skipped(let reason) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains("no token in LENS_GATE_GITLAB_TOKEN"))
        #expect(reason.contains("forks"))
        #expect(fake.requests.isEmpty)
    }

    @Test func outsideAMergeRequestItSkips() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        var environment = fake.environment()
        environment["CI_MERGE_REQUEST_IID"] = nil
        let outcome = try job.post(markdown: markdown, environment: environment, transport: CurlTransport())
        guard case .skipped(let reason) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(reason.contains("not a merge request pipeline"))
    }

    @Test func aProjectPathIsEncodedAsOneSegment() throws {
        let target = try GitLabMergeRequest(project: "group/sub/demo", iid: 3)
        #expect(target.projectSegment == "group%2Fsub%2Fdemo")
        #expect(throws: CommentFailure.self) { try GitLabMergeRequest(project: "../admin", iid: 3) }
    }

    @Test(arguments: [
        (401, "401 Unauthorized", "was rejected"),
        (403, "403 Forbidden", "needs the 'api' scope"),
        (404, "404 Project Not Found", "check --project/CI_PROJECT_ID"),
    ])
    func apiErrorsSayWhatToFix(status: Int, message: String, remedy: String) throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        fake.fail(status, message)
        let failure = try #require(throws: CommentFailure.self) {
            try job.post(markdown: markdown, environment: fake.environment(), transport: CurlTransport())
        }
        #expect(failure.description.contains("HTTP \(status) (\(message))"), "\(failure)")
        #expect(failure.description.contains(remedy), "\(failure)")
        #expect(!failure.description.contains("glpat-FAKE"))
    }

    @Test func anUnreachableAPIIsOneLine() throws {
        let environment = [
            "CI_API_V4_URL": "http://127.0.0.1:1", "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "5",
            "LENS_GATE_GITLAB_TOKEN": "glpat-FAKE_TOKEN_0123456789",
        ]
        let failure = try #require(throws: CommentFailure.self) {
            try job.post(markdown: markdown, environment: environment, transport: CurlTransport(timeoutSeconds: 5))
        }
        #expect(failure.description.hasPrefix("cannot comment on GitLab: could not reach the API: "), "\(failure)")
        #expect(failure.description.hasSuffix("; check that CI_API_V4_URL (http://127.0.0.1:1) is reachable from the runner"))
        #expect(!failure.description.contains("\n"))
    }
}
