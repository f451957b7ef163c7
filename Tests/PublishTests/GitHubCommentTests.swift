import Foundation
import LensCore
import Testing

@testable import Publish

/// The sticky pull-request comment against a fake GitHub API on 127.0.0.1, through libcurl.
@Suite struct GitHubCommentTests {
    let markdown = "### ❌ lens-gate failed: 1 regression\n\n| a | b |\n"

    func post(
        _ fake: FakeGitHub, markdown: String? = nil, job: GitHubComment = GitHubComment(name: "default", pullRequest: 7),
        environment extra: [String: String] = [:]
    ) throws(CommentFailure) -> CommentOutcome {
        try job.post(markdown: markdown ?? self.markdown, environment: fake.environment().merging(extra) { $1 }, transport: CurlTransport())
    }

    @Test func createsTheCommentWithTheMarkerAndTheAPIHeaders() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let outcome = try post(fake)
        guard case .created(let url) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(url?.hasPrefix("https://github.example/octo/demo/pull/7#issuecomment-") == true)
        #expect(fake.comments.map(\.body) == ["<!-- lens-gate:default -->\n" + markdown])
        let requests = fake.requests
        #expect(requests.map(\.method) == ["GET", "POST"])
        #expect(requests[0].uri == "/repos/octo/demo/issues/7/comments?per_page=100")
        for request in requests {
            #expect(request.header("Authorization") == "Bearer ghs_FAKE_TOKEN_0123456789")
            #expect(request.header("Accept") == "application/vnd.github+json")
            #expect(request.header("X-GitHub-Api-Version") == "2022-11-28")
            #expect(request.header("User-Agent")?.hasPrefix("lens-gate/") == true)
        }
        #expect(requests[1].header("Content-Type") == "application/json")
    }

    @Test func updatesOurCommentFoundOnALaterPage() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        for i in 0..<4 { fake.add("chatter \(i)", login: "someone", type: "User") }
        // A human quoting our marker is not our comment; ours is on page 3 (2 comments per page).
        fake.add("<!-- lens-gate:default --> quoted by a person", login: "someone", type: "User")
        fake.add("<!-- lens-gate:default -->\nold summary")
        fake.add("<!-- lens-gate:other -->\nanother gate's summary")
        let outcome = try post(fake)
        guard case .updated = outcome else {
            Issue.record("\(outcome)")
            return
        }
        let requests = fake.requests
        let listPath = "/repos/octo/demo/issues/7/comments"
        #expect(requests.filter { $0.method == "GET" && $0.path == listPath }.map { $0.query("page") } == [nil, "2", "3", "4"])
        // A marker was seen, so the token's identity was asked for (403: the job's token, github-actions[bot]).
        #expect(requests.filter { $0.path == "/user" }.count == 1)
        #expect(requests.last?.method == "PATCH")
        #expect(requests.last?.path == "/repos/octo/demo/issues/comments/1005")
        #expect(fake.comments[5].body == "<!-- lens-gate:default -->\n" + markdown)
        #expect(fake.comments[4].body.hasSuffix("quoted by a person"))
        #expect(fake.comments[6].body.hasSuffix("another gate's summary"))
    }

    @Test func sendsNothingWhenTheBodyIsUnchanged() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.add("<!-- lens-gate:default -->\r\n" + markdown.replacingAll("\n", "\r\n"))
        let outcome = try post(fake)
        guard case .unchanged = outcome else {
            Issue.record("\(outcome)")
            return
        }
        // The marked comment made lens-gate ask who the token is (403 here: github-actions[bot]); nothing was written.
        #expect(fake.requests.map(\.method) == ["GET", "GET"])
        #expect(fake.requests.last?.path == "/user")
    }

    @Test func anAuthorLoginSelectsAPersonalTokensComments() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.add("<!-- lens-gate:default -->\nold", login: "perf-bot-user", type: "User")
        let outcome = try post(fake, job: GitHubComment(name: "default", pullRequest: 7, author: "Perf-Bot-User"))
        guard case .updated = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(fake.comments.count == 1)
    }

    /// Without --author, another bot's comment carrying our marker (a copy, or an attempt to have
    /// lens-gate overwrite it) is never edited: only github-actions[bot]'s is ours.
    @Test func anotherBotsCommentWithTheMarkerIsNeverEdited() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.add("<!-- lens-gate:default -->\nplanted", login: "helpful-app[bot]", type: "Bot")
        let outcome = try post(fake)
        guard case .created = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(fake.comments.map(\.body) == ["<!-- lens-gate:default -->\nplanted", "<!-- lens-gate:default -->\n" + markdown])
        #expect(!fake.requests.contains { $0.method == "PATCH" })
    }

    /// A personal token's user (GET /user answers) is who lens-gate posts as, without --author;
    /// github-actions[bot]'s marked comment is then not ours.
    @Test func aPersonalTokensUserIsFoundThroughGetUser() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.personalToken(of: "Perf-Bot-User")
        fake.add("<!-- lens-gate:default -->\nby the job's token")
        fake.add("<!-- lens-gate:default -->\nold", login: "perf-bot-user", type: "User")
        let outcome = try post(fake)
        guard case .updated = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(fake.comments.map(\.body) == ["<!-- lens-gate:default -->\nby the job's token", "<!-- lens-gate:default -->\n" + markdown])
        #expect(fake.requests.map(\.path) == ["/repos/octo/demo/issues/7/comments", "/user", "/repos/octo/demo/issues/comments/1001"])
    }

    /// No marked comment yet: nothing to tell apart, so GET /user is not asked.
    @Test func theFirstPostDoesNotAskWhoTheTokenIs() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.add("chatter", login: "someone", type: "User")
        _ = try post(fake)
        #expect(!fake.requests.contains { $0.path == "/user" })
    }

    /// `--expect-head-sha`: the pull request's head must be the commit the run tested, else nothing
    /// is listed, edited or created, and the failure says why in one line.
    @Test func aPullRequestAtAnotherCommitGetsNothing() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.add("<!-- lens-gate:default -->\nthis pull request's own summary")
        let other = "fedcba9876543210fedcba9876543210fedcba98"
        let job = GitHubComment(name: "default", pullRequest: 7, expectedHeadCommit: other)
        let failure = try #require(throws: CommentFailure.self) { try post(fake, job: job) }
        #expect(
            failure.description.contains("refusing to post: octo/demo#7 is at commit \(fake.headSHA), not \(other) that the run tested"))
        #expect(failure.description.contains("does not belong to that run"))
        #expect(!failure.description.contains("\n"))
        #expect(fake.requests.map(\.path) == ["/repos/octo/demo/pulls/7"])
        #expect(fake.comments.map(\.body) == ["<!-- lens-gate:default -->\nthis pull request's own summary"])
    }

    @Test func thePullRequestAtTheTestedCommitGetsTheComment() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let job = GitHubComment(name: "default", pullRequest: 7, expectedHeadCommit: fake.headSHA.uppercased())
        let outcome = try post(fake, job: job)
        guard case .created = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(fake.requests.map(\.method) == ["GET", "GET", "POST"])
        #expect(fake.requests.first?.path == "/repos/octo/demo/pulls/7")
    }

    @Test func anExpectedHeadThatIsNotACommitIdIsAFailure() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let failure = try #require(throws: CommentFailure.self) {
            try post(fake, job: GitHubComment(name: "default", pullRequest: 7, expectedHeadCommit: "main"))
        }
        #expect(failure.description.contains("'main' is not a commit id"))
        #expect(fake.requests.isEmpty)
        #expect(GitHubComment.isCommitID(String(repeating: "a", count: 64)))
        #expect(!GitHubComment.isCommitID(String(repeating: "g", count: 40)))
        #expect(!GitHubComment.isCommitID("0123456"))
        // Fullwidth digits are hex digits to Character, not to git.
        #expect(!GitHubComment.isCommitID(String(repeating: "a", count: 37) + "\u{FF11}"))
    }

    @Test func aLongSummaryIsCutWithALinkToTheRun() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let long = (0..<3_000).map { "| row \($0) | \(String(repeating: "x", count: 30)) |" }.joined(separator: "\n")
        _ = try post(fake, markdown: long)
        let body = try #require(fake.comments.first?.body)
        #expect(body.utf8.count <= GitHubComment.sizeLimit)
        #expect(body.contains("[the job summary](https://github.example/octo/demo/actions/runs/99)"))
    }

    @Test func thePullRequestNumberComesFromTheEventFile() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let event = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString).json")
        try #"{"action":"opened","pull_request":{"number":7,"title":"x"}}"#.write(to: event, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: event) }
        let outcome = try post(fake, job: GitHubComment(name: "default"), environment: ["GITHUB_EVENT_PATH": event.path])
        guard case .created = outcome else {
            Issue.record("\(outcome)")
            return
        }

        try #"{"ref":"refs/heads/main"}"#.write(to: event, atomically: true, encoding: .utf8)
        let push = try post(fake, job: GitHubComment(name: "default"), environment: ["GITHUB_EVENT_PATH": event.path])
        guard case .skipped(let reason) = push else {
            Issue.record("\(push)")
            return
        }
        #expect(reason.contains("not a pull request"))
    }

    @Test(arguments: [
        (401, "Bad credentials", "the token in GITHUB_TOKEN was rejected"),
        (403, "Resource not accessible by integration", "permissions: pull-requests: write"),
        (404, "Not Found", "check --repo/GITHUB_REPOSITORY and --pr"),
        (422, "Validation Failed", "GitHub refused the comment body"),
        (500, "Server Error", "check the GitHub API status"),
    ])
    func apiErrorsSayWhatToFix(status: Int, message: String, remedy: String) throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.fail(status, message)
        let failure = try #require(throws: CommentFailure.self) { try post(fake) }
        let text = failure.description
        #expect(text.contains("HTTP \(status) (\(message))"), "\(text)")
        #expect(text.contains(remedy), "\(text)")
        #expect(!text.contains("ghs_FAKE_TOKEN"))
        #expect(!text.contains("\n"))
        #expect(failure.exitStatus == .inputError)
    }

    @Test func anUnreachableAPIIsOneLine() throws {
        let job = GitHubComment(name: "default", pullRequest: 7)
        let environment = ["GITHUB_API_URL": "http://127.0.0.1:1", "GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t0k3n"]
        let failure = try #require(throws: CommentFailure.self) {
            try job.post(markdown: "x", environment: environment, transport: CurlTransport(timeoutSeconds: 5))
        }
        #expect(failure.description.contains("could not list the comments"))
        #expect(failure.description.contains("GITHUB_API_URL (http://127.0.0.1:1)"))
    }

    @Test func aNextLinkToAnotherHostIsNotFollowed() throws {
        let server = try FakeAPIServer { request in
            FakeResponse(status: 200, headers: [("Link", "<http://attacker.example/steal?page=2>; rel=\"next\"")], body: "[]")
        }
        defer { server.shutdown() }
        let job = GitHubComment(name: "default", pullRequest: 7)
        let environment = ["GITHUB_API_URL": server.baseURL, "GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t0k3n"]
        _ = try job.post(markdown: "x", environment: environment, transport: CurlTransport())
        #expect(server.requests.map(\.method) == ["GET", "POST"])
    }

    @Test func missingTokenOrBadRepositoryAreFailures() throws {
        let job = GitHubComment(name: "default", pullRequest: 7)
        let noToken = try #require(throws: CommentFailure.self) {
            try job.post(markdown: "x", environment: ["GITHUB_REPOSITORY": "o/r"], transport: CurlTransport())
        }
        #expect(noToken.description.contains("no token in GITHUB_TOKEN"))
        let badRepo = try #require(throws: CommentFailure.self) {
            try job.post(markdown: "x", environment: ["GITHUB_REPOSITORY": "o/../r", "GITHUB_TOKEN": "t"], transport: CurlTransport())
        }
        #expect(badRepo.description.contains("is not a repository"))
    }
}
