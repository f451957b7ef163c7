import Foundation
import TestSupport
import Testing

/// The real `lens-gate` binary in a simulated GitHub Actions or GitLab CI job: what it prints,
/// what it writes, what it sends, and what it never reveals.
@Suite struct EndToEndTests {
    let token = "ghs_KNOWN_FAKE_TOKEN_abc123"

    /// Writes a small Markdown summary and a pull_request event file; returns their paths.
    func prepare(_ directory: URL) throws -> (markdown: String, event: String) {
        let markdown = directory.appendingPathComponent("summary.md")
        try "### ✅ lens-gate passed\n".write(to: markdown, atomically: true, encoding: .utf8)
        let event = directory.appendingPathComponent("event.json")
        try #"{"pull_request":{"number":7}}"#.write(to: event, atomically: true, encoding: .utf8)
        return (markdown.path, event.path)
    }

    func githubEnvironment(_ fake: FakeGitHub, event: String) -> [String: String] {
        fake.environment(token: token).merging(["GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": event]) { $1 }
    }

    /// The token appears only in the first line, the `::add-mask::` that hides it from the log.
    func expectMaskedOnly(_ outcome: ProcessOutcome) {
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.first == "::add-mask::\(token)", "\(outcome.stdout)")
        #expect(!lines.dropFirst().joined(separator: "\n").contains(token))
        #expect(!outcome.stderr.contains(token))
    }

    @Test func githubCommentIsCreatedAndTheTokenIsMaskedFirst() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let directory = Scratch.directory()
        let (markdown, event) = try prepare(directory)
        let outcome = try LensGateBinary.run(
            ["comment", "github", "--markdown", markdown], environment: githubEnvironment(fake, event: event))
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.stderr.contains("lens-gate: comment: created the comment https://github.example/octo/demo/pull/7#issuecomment-"))
        #expect(fake.comments.map(\.body) == ["<!-- lens-gate:default -->\n### ✅ lens-gate passed\n"])
        #expect(fake.requests.allSatisfy { $0.header("Authorization") == "Bearer \(token)" })
        expectMaskedOnly(outcome)

        let again = try LensGateBinary.run(
            ["comment", "github", "--markdown", markdown], environment: githubEnvironment(fake, event: event))
        #expect(again.stderr.contains("the comment is up to date, nothing sent"))
        #expect(fake.requests.filter { $0.method != "GET" }.count == 1)
    }

    @Test func aForbiddenCommentWarnsAndKeepsExitZeroUnlessStrict() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.fail(403, "Resource not accessible by integration")
        let directory = Scratch.directory()
        let (markdown, event) = try prepare(directory)
        let environment = githubEnvironment(fake, event: event)

        let lenient = try LensGateBinary.run(["comment", "github", "--markdown", markdown], environment: environment)
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr.hasPrefix("lens-gate: warning: cannot comment on GitHub: could not list the comments on octo/demo#7: HTTP 403"))
        #expect(lenient.stderr.contains("permissions: pull-requests: write"))
        #expect(lenient.stderr.split(separator: "\n").count == 1)
        #expect(RunnerParsing.commands(in: lenient.stdout).map(\.name) == ["add-mask", "warning"])
        expectMaskedOnly(lenient)

        let strict = try LensGateBinary.run(["comment", "github", "--markdown", markdown, "--strict-comment"], environment: environment)
        #expect(strict.status == 2)
        #expect(strict.stderr.hasPrefix("lens-gate: error: cannot comment on GitHub:"))
        #expect(strict.stderr.split(separator: "\n").count == 1)
        expectMaskedOnly(strict)
    }

    @Test func aCustomTokenVariableIsReadAndMasked() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let directory = Scratch.directory()
        let (markdown, _) = try prepare(directory)
        var environment = fake.environment(token: "unused")
        environment["GITHUB_ACTIONS"] = "true"
        environment["PERF_BOT_TOKEN"] = token
        let outcome = try LensGateBinary.run(
            [
                "comment", "github", "--markdown", markdown, "--pr", "7", "--token-env", "PERF_BOT_TOKEN",
                "--name", "nightly",
            ], environment: environment)
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(fake.requests.allSatisfy { $0.header("Authorization") == "Bearer \(token)" })
        #expect(fake.comments.first?.body.hasPrefix("<!-- lens-gate:nightly -->") == true)
        expectMaskedOnly(outcome)
    }

    @Test func gitlabNoteWithoutTokenIsSkippedAndWithTokenIsCreated() throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        let directory = Scratch.directory()
        let (markdown, _) = try prepare(directory)

        let skipped = try LensGateBinary.run(
            ["comment", "gitlab", "--markdown", markdown, "--strict-comment"],
            environment: fake.environment(token: nil).merging(["GITLAB_CI": "true"]) { $1 })
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("lens-gate: comment: skipped: no token in LENS_GATE_GITLAB_TOKEN"))
        #expect(fake.requests.isEmpty)

        let gitlabToken = "glpat-KNOWN_FAKE_abc123"
        let created = try LensGateBinary.run(
            ["comment", "gitlab", "--markdown", markdown],
            environment: fake.environment(token: gitlabToken).merging(["GITLAB_CI": "true"]) { $1 })
        #expect(created.status == 0, "\(created.all)")
        #expect(created.stderr.contains("created the comment https://gitlab.example/group/demo/-/merge_requests/5#note_500"))
        #expect(!created.all.contains(gitlabToken))
        #expect(fake.requests.allSatisfy { $0.header("PRIVATE-TOKEN") == gitlabToken })

        fake.fail(401, "401 Unauthorized")
        let rejected = try LensGateBinary.run(
            ["comment", "gitlab", "--markdown", markdown, "--strict-comment"],
            environment: fake.environment(token: gitlabToken))
        #expect(rejected.status == 2)
        #expect(rejected.stderr.contains("was rejected"))
        #expect(!rejected.all.contains(gitlabToken))
    }

    /// The comment workflow's call: a pull request whose head is not the run's commit gets nothing,
    /// with one warning line (exit 0), or exit 2 with --strict-comment.
    @Test func aHeadCommitMismatchRefusesInOneLine() throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        let directory = Scratch.directory()
        let (markdown, _) = try prepare(directory)
        var environment = fake.environment(token: token)
        environment["GITHUB_ACTIONS"] = "true"
        let other = "89abcdef0123456789abcdef0123456789abcdef"
        let arguments = ["comment", "github", "--markdown", markdown, "--pr", "7", "--expect-head-sha", other]
        let lenient = try LensGateBinary.run(arguments, environment: environment)
        #expect(lenient.status == 0, "\(lenient.all)")
        #expect(lenient.stderr.hasPrefix("lens-gate: warning: cannot comment on GitHub: refusing to post: octo/demo#7 is at commit "))
        #expect(lenient.stderr.split(separator: "\n").count == 1)
        #expect(RunnerParsing.commands(in: lenient.stdout).map(\.name) == ["add-mask", "warning"])
        let strict = try LensGateBinary.run(arguments + ["--strict-comment"], environment: environment)
        #expect(strict.status == 2)
        #expect(fake.comments.isEmpty)
        expectMaskedOnly(strict)

        let matching = try LensGateBinary.run(
            ["comment", "github", "--markdown", markdown, "--pr", "7", "--expect-head-sha", fake.headSHA], environment: environment)
        #expect(matching.status == 0, "\(matching.all)")
        #expect(fake.comments.count == 1)
    }

    @Test func badCommentFlagsAreUsageErrors() throws {
        let directory = Scratch.directory()
        let (markdown, _) = try prepare(directory)
        let badName = try LensGateBinary.run(["comment", "github", "--markdown", markdown, "--name", "x -->"])
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("--name must be"))
        let missing = try LensGateBinary.run(["comment", "github", "--markdown", directory.appendingPathComponent("nope.md").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.md: Markdown summary file not found"))
        let badSHA = try LensGateBinary.run(["comment", "github", "--markdown", markdown, "--pr", "7", "--expect-head-sha", "main"])
        #expect(badSHA.status == 2)
        #expect(badSHA.stderr.contains("--expect-head-sha takes a full commit id"))
        let badAuthor = try LensGateBinary.run(["comment", "gitlab", "--markdown", markdown, "--author", "two words"])
        #expect(badAuthor.status == 2)
        #expect(badAuthor.stderr.contains("--author takes a GitLab username"))
    }

    @Test func checkInGitHubActionsWithHostileScenarioNames() throws {
        let directory = Scratch.directory()
        try HostileResults.write(into: directory)
        let output = directory.appendingPathComponent("github-output").path
        let summary = directory.appendingPathComponent("step-summary.md").path
        let outcome = try LensGateBinary.run(
            [
                "check", "results.json", "--baseline", "baseline.json", "--threshold", "10", "--junit", "junit.xml",
                "--markdown", "summary.md", "--json", "verdict.json", "--openmetrics", "metrics.txt",
            ],
            in: directory,
            environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
                "GITHUB_SERVER_URL": "https://github.example", "GITHUB_REPOSITORY": "octo/demo", "GITHUB_RUN_ID": "5",
            ])
        #expect(outcome.status == 1, "\(outcome.all)")

        // Whatever the names, the runner reads only our annotations from either stream.
        let commands = RunnerParsing.commands(in: outcome.all)
        #expect(Set(commands.map(\.name)).isSubset(of: ["error", "warning", "notice"]), "\(commands.map(\.name))")
        // p50 and p95 regress in all six scenarios: 12 failures, 10 annotated, the notice counts the rest.
        let errors = commands.filter { $0.name == "error" }
        #expect(errors.count == 10)
        #expect(commands.last?.message.contains("(2 more not annotated)") == true)
        #expect(commands.last?.message.contains("https://github.example/octo/demo/actions/runs/5") == true)
        let expected = Set(
            Verdicts.hostileNames.map(Verdicts.shownInLogs).flatMap {
                ["lens-gate: \($0) · ttft_ms.p50", "lens-gate: \($0) · ttft_ms.p95"]
            })
        #expect(errors.allSatisfy { expected.contains($0.properties["title"] ?? "") }, "\(errors.map(\.properties))")
        #expect(Set(errors.compactMap { $0.properties["title"] }).count == 10)

        let outputs = RunnerParsing.outputs(try String(contentsOfFile: output, encoding: .utf8))
        #expect(
            outputs.map(\.name) == [
                "verdict", "exit-code", "regressions", "warnings", "checks", "headline", "failed-checks",
                "junit-report", "markdown-report", "json-report", "openmetrics-report", "summary-url",
            ])
        #expect(outputs.first { $0.name == "exit-code" }?.value == "1")

        // Markdown: inert HTML, no mentions, one table row per line.
        let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;"))
        #expect(!markdown.contains("@octocat") && markdown.contains("@\u{2060}octocat"))
        #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("::") || $0.hasPrefix("section_start") })
        #expect(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix(markdown))

        // JUnit: libxml2 escaped every name; a parser reads them back (line breaks and tabs kept as
        // character references, the control character replaced).
        let names = try ExternalTool.run(
            "python3",
            [
                "-c",
                """
                import json, sys, xml.etree.ElementTree as ET
                print(json.dumps([s.get('name') for s in ET.parse(sys.argv[1]).getroot()]))
                """, directory.appendingPathComponent("junit.xml").path,
            ])
        #expect(names.status == 0, "\(names.all)")
        let parsed = try JSONSerialization.jsonObject(with: Data(names.stdout.utf8)) as? [String] ?? []
        #expect(parsed == Verdicts.hostileNames.map { $0.replacingAll("\u{1B}", "\u{FFFD}") })
    }
}
