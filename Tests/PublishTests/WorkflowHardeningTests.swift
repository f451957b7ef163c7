import Foundation
import TestSupport
import Testing

/// The GitHub workflows and the action, hardened: zizmor (the GitHub Actions auditor, pinned in
/// scripts/install-deps.sh) finds nothing at its default persona; every third-party action is
/// pinned by commit with its release named; permissions are granted per job; and the scripts that
/// guard the comment and the weekly refresh do what they say when run.
@Suite struct WorkflowHardeningTests {
    static func path(_ relative: String) -> String { TemplateTests.path(relative) }

    /// The action, this repository's workflows and the GitHub templates.
    static var githubFiles: [String] {
        ["action.yml"] + TemplateTests.files(in: ".github/workflows") + TemplateTests.files(in: "ci-templates/github")
    }

    /// The workflows alone (the action has no jobs).
    static var workflows: [String] { TemplateTests.files(in: ".github/workflows") + TemplateTests.files(in: "ci-templates/github") }

    /// The `run:` script of the step named `step` in a workflow's job `job`.
    static func script(_ file: String, job: String, step: String) throws -> String {
        let extract = """
            import sys
            from ruamel.yaml import YAML
            jobs = YAML(typ='safe').load(open(sys.argv[1]))['jobs']
            print(next(s['run'] for s in jobs[sys.argv[2]]['steps'] if s.get('name') == sys.argv[3]), end='')
            """
        let outcome = try ExternalTool.run("python3", ["-c", extract, path(file), job, step])
        #expect(outcome.status == 0, "\(file): \(outcome.all)")
        return outcome.stdout
    }

    static var basePath: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }

    @Test func zizmorFindsNothing() throws {
        let files = Self.githubFiles.map(Self.path)
        #expect(files.count >= 6)
        // --offline: no network; the online audits need a GitHub token anyway.
        let outcome = try ExternalTool.run("zizmor", ["--offline", "--no-progress", "--color", "never"] + files)
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.all.contains("No findings to report"), "\(outcome.all)")
    }

    /// `owner/repo@<40 hex> # vX.Y.Z`, one commit per action across all files; the only
    /// exceptions are `./` (this repository) and the `your-org/lens-gate@v0.1.0` placeholder, which
    /// carries the zizmor suppression that says so.
    @Test func thirdPartyActionsArePinnedByCommitWithTheirRelease() throws {
        let pinned = try Regex(#"^uses:\s+([A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@([0-9a-f]{40}) # v[0-9]+\.[0-9]+\.[0-9]+$"#)
        var commits: [String: Set<String>] = [:]
        var seen = 0
        for file in Self.githubFiles {
            let text = try String(contentsOfFile: Self.path(file), encoding: .utf8)
            for raw in text.split(separator: "\n") {
                var line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("- ") { line.removeFirst(2) }
                guard line.hasPrefix("uses:") else { continue }
                seen += 1
                if line.hasPrefix("uses: ./") { continue }
                if line.hasPrefix("uses: your-org/lens-gate@v0.1.0 ") {
                    #expect(line.contains("# zizmor: ignore[unpinned-uses] placeholder"), "\(file): \(line)")
                    continue
                }
                guard let match = line.wholeMatch(of: pinned) else {
                    Issue.record("\(file): not pinned by commit with a version comment: \(line)")
                    continue
                }
                commits[String(match.output[1].substring ?? ""), default: []].insert(String(match.output[2].substring ?? ""))
            }
        }
        #expect(seen >= 10)
        for (action, shas) in commits { #expect(shas.count == 1, "\(action) is pinned to different commits: \(shas.sorted())") }
        #expect(commits["actions/checkout"] == ["3d3c42e5aac5ba805825da76410c181273ba90b1"])
    }

    /// No workflow grants anything at the top (`permissions: {}`); every job says what it needs;
    /// every checkout leaves no credentials behind; the PR gate and the comment poster each run
    /// once per pull request at a time.
    @Test func permissionsArePerJobAndCheckoutsKeepNoCredentials() throws {
        let check = """
            import sys
            from ruamel.yaml import YAML
            problems = []
            for name in sys.argv[1:]:
                workflow = YAML(typ='safe').load(open(name))
                if workflow.get('permissions') != {}:
                    problems.append(f'{name}: top-level permissions is {workflow.get("permissions")!r}, not {{}}')
                for job_name, job in workflow['jobs'].items():
                    if 'permissions' not in job:
                        problems.append(f'{name}: job {job_name} has no permissions')
                    for step in job.get('steps', []):
                        if step.get('uses', '').startswith('actions/checkout@') and step.get('with', {}).get('persist-credentials') is not False:
                            problems.append(f'{name}: job {job_name} checks out without persist-credentials: false')
                if name.endswith(('lens-gate-pr.yml', 'lens-gate-comment.yml')):
                    group = str(workflow.get('concurrency', {}).get('group', ''))
                    if 'pull_request.number' not in group and 'workflow_run.head_branch' not in group:
                        problems.append(f'{name}: no per-pull-request concurrency group')
            print('\\n'.join(problems))
            sys.exit(1 if problems else 0)
            """
        let outcome = try ExternalTool.run("python3", ["-c", check] + Self.workflows.map(Self.path))
        #expect(outcome.status == 0, "\(outcome.all)")
    }

    /// The comment workflow's number check: the artifact's number must be a positive integer and,
    /// when the event lists the run's pull requests (same-repository ones), one of them.
    @Test(arguments: [
        ("7", "7", true), ("7", "", true), ("12", "3 12", true), ("8", "7", false), ("8", "7 9", false),
        ("1", "12", false), ("abc", "", false), ("07", "", false), ("", "", false),
    ])
    func theCommentWorkflowRefusesANumberTheRunDoesNotHave(number: String, listed: String, accepted: Bool) throws {
        let script = try Self.script("ci-templates/github/lens-gate-comment.yml", job: "comment", step: "Check the pull request number")
        let directory = Scratch.directory()
        try "\(number)\n".write(to: directory.appendingPathComponent("pr-number"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("github-output")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let outcome = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/bash"), ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            environment: [
                "ARTIFACT": directory.path, "RUN_PULL_REQUESTS": listed, "GITHUB_OUTPUT": output.path, "PATH": Self.basePath,
            ])
        let written = try String(contentsOf: output, encoding: .utf8)
        if accepted {
            #expect(outcome.status == 0, "\(outcome.all)")
            #expect(written == "number=\(number)\n")
        } else {
            #expect(outcome.status == 1, "\(outcome.all)")
            #expect(written.isEmpty)
            #expect(outcome.stdout.hasPrefix("::error title=lens-gate comment::"), "\(outcome.stdout)")
            #expect(outcome.stdout.split(separator: "\n").count == 1)
        }
    }

    /// The poster passes the run's own head commit (from the event, not the artifact) to lens-gate.
    @Test func theCommentIsPostedOnlyForTheRunsHeadCommit() throws {
        let script = try Self.script("ci-templates/github/lens-gate-comment.yml", job: "comment", step: "Post or update the comment")
        #expect(script.contains(#"--pr "$PR_NUMBER" --expect-head-sha "$HEAD_SHA""#))
        let text = try String(contentsOfFile: Self.path("ci-templates/github/lens-gate-comment.yml"), encoding: .utf8)
        #expect(text.contains("HEAD_SHA: ${{ github.event.workflow_run.head_sha }}"))
        #expect(text.contains("RUN_PULL_REQUESTS: ${{ join(github.event.workflow_run.pull_requests.*.number, ' ') }}"))
    }

    /// Two weekly refreshes: one branch, force-pushed, holding one commit on top of the base branch
    /// each time; one pull request, created the first week and edited the second; the commit does
    /// not skip the pull request's checks; the token reaches git only through the environment.
    @Test func theWeeklyRefreshReusesOneBranchAndOnePullRequest() throws {
        let script = try Self.script(
            "ci-templates/github/lens-gate-baseline-refresh.yml", job: "refresh", step: "Open or update the pull request, or push")
        let directory = Scratch.directory()
        let remote = directory.appendingPathComponent("server/octo/demo.git")
        let work = directory.appendingPathComponent("work")
        let bin = directory.appendingPathComponent("bin")
        for folder in [remote, work, bin] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        // A stand-in for gh: logs its arguments, lists the open pull request once one was created.
        let gh = bin.appendingPathComponent("gh")
        try """
        #!/bin/bash
        echo "$*" >> "$GH_LOG"
        case "$1 $2" in
          "pr list") cat "$GH_OPEN" 2>/dev/null || true ;;
          "pr create") echo 12 > "$GH_OPEN" ;;
        esac
        """.write(to: gh, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gh.path)
        let token = "ghs_REFRESH_FAKE_TOKEN_123"
        let environment = [
            "PATH": "\(bin.path):\(Self.basePath)", "HOME": directory.path, "GH_TOKEN": token, "BASE_BRANCH": "main",
            "SERVER_URL": directory.appendingPathComponent("server").path, "REPOSITORY": "octo/demo",
            "BASELINE": "baselines/main.json", "REPETITIONS": "3", "REFRESH_MODE": "pull-request",
            "REFRESH_BRANCH": "lens-gate/baseline-refresh", "GH_LOG": directory.appendingPathComponent("gh.log").path,
            "GH_OPEN": directory.appendingPathComponent("gh-open").path,
        ]
        func git(_ arguments: String, in folder: URL = work) throws -> String {
            let outcome = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/bash"), ["-c", "git \(arguments)"], environment: environment, directory: folder)
            #expect(outcome.status == 0, "git \(arguments): \(outcome.all)")
            return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git("init -q --bare -b main .", in: remote)
        _ = try git("init -q -b main . && git config user.name t && git config user.email t@example.com")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("baselines/history"), withIntermediateDirectories: true)
        try "{}\n".write(to: work.appendingPathComponent("baselines/main.json"), atomically: true, encoding: .utf8)
        try "{}\n".write(to: work.appendingPathComponent("baselines/history/main.jsonl"), atomically: true, encoding: .utf8)
        _ = try git("add -A && git commit -qm base && git push -q \(remote.path) main")
        let base = try git("rev-parse HEAD")

        for week in 1...2 {
            // Each week starts from the base branch, as a fresh checkout does.
            _ = try git("checkout -q main && git reset -q --hard \(base)")
            try "{\"week\":\(week)}\n".write(to: work.appendingPathComponent("baselines/main.json"), atomically: true, encoding: .utf8)
            try "{}\n{\"week\":\(week)}\n".write(
                to: work.appendingPathComponent("baselines/history/main.jsonl"), atomically: true, encoding: .utf8)
            let outcome = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/bash"), ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                environment: environment, directory: work)
            #expect(outcome.status == 0, "week \(week): \(outcome.all)")
            #expect(!outcome.all.contains(token))
            #expect(try git("rev-parse lens-gate/baseline-refresh^", in: remote) == base, "week \(week): one commit on the base")
            #expect(try git("show lens-gate/baseline-refresh:baselines/main.json", in: remote) == "{\"week\":\(week)}")
            #expect(!(try git("log -1 --format=%B lens-gate/baseline-refresh", in: remote)).contains("skip ci"))
        }
        #expect(
            try git("for-each-ref '--format=%(refname)' refs/heads", in: remote).split(separator: "\n").sorted() == [
                "refs/heads/lens-gate/baseline-refresh", "refs/heads/main",
            ])
        let calls = try String(contentsOf: directory.appendingPathComponent("gh.log"), encoding: .utf8).split(separator: "\n")
        #expect(calls.filter { $0.hasPrefix("pr create") }.count == 1, "\(calls)")
        #expect(calls.filter { $0.hasPrefix("pr edit 12 ") }.count == 1, "\(calls)")
        #expect(calls.first { $0.hasPrefix("pr create") }?.contains("--head lens-gate/baseline-refresh") == true)
        let config = try String(contentsOf: work.appendingPathComponent(".git/config"), encoding: .utf8)
        #expect(!config.contains(token) && !config.contains("extraheader"))
    }
}
