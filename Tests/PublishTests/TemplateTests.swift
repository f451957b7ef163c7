import Foundation
import TestSupport
import Testing

/// The action, the workflows and the GitLab templates: valid against the published schemas
/// (check-jsonschema's built-in ones, offline), free of script injection, and their scripts do
/// what they say when run with the real binary.
@Suite struct TemplateTests {
    static let root = Repository.root

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(directory))) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { "\(directory)/\($0)" }
    }

    func validate(_ files: [String], schema: String, transform: String? = nil) throws {
        #expect(!files.isEmpty)
        var arguments = ["--builtin-schema", schema]
        if let transform { arguments += ["--data-transform", transform] }
        let outcome = try ExternalTool.run("check-jsonschema", arguments + files)
        #expect(outcome.status == 0, "\(outcome.all)")
    }

    @Test func actionValidates() throws {
        try validate([Self.path("action.yml")], schema: "vendor.github-actions")
    }

    @Test func workflowsAndGitHubTemplatesValidate() throws {
        let files = (Self.files(in: ".github/workflows") + Self.files(in: "ci-templates/github")).map(Self.path)
        #expect(files.count >= 5)
        try validate(files, schema: "vendor.github-workflows")
    }

    @Test func gitlabTemplateValidates() throws {
        try validate([Self.path("ci-templates/gitlab/lens-gate.gitlab-ci.yml")], schema: "vendor.gitlab-ci", transform: "gitlab-ci")
    }

    @Test func gitlabComponentValidatesHeaderAndJobsSeparately() throws {
        let text = try String(contentsOfFile: Self.path("ci-templates/gitlab/templates/lens-gate/template.yml"), encoding: .utf8)
        let parts = text.components(separatedBy: "\n---\n")
        #expect(parts.count == 2)
        #expect(parts.first?.contains("spec:\n  inputs:") == true)
        let directory = Scratch.directory()
        let files = parts.enumerated().map { directory.appendingPathComponent("part-\($0.offset).yml") }
        for (file, part) in zip(files, parts) { try (part + "\n").write(to: file, atomically: true, encoding: .utf8) }
        try validate(files.map(\.path), schema: "vendor.gitlab-ci", transform: "gitlab-ci")
    }

    /// Expressions pasted into scripts are script injection: `${{ }}` must not appear in any
    /// GitHub `run:`, nor `$[[ ]]` in any GitLab script. Every action input is used, via env.
    @Test func scriptsNeverContainExpressions() throws {
        let files =
            ["action.yml"] + Self.files(in: ".github/workflows") + Self.files(in: "ci-templates/github")
            + ["ci-templates/gitlab/lens-gate.gitlab-ci.yml", "ci-templates/gitlab/templates/lens-gate/template.yml"]
        let script = """
            import sys
            from ruamel.yaml import YAML  # check-jsonschema's own YAML library, so always present with it
            yaml = YAML(typ='safe')
            problems = []
            def walk(node, path, name):
                if isinstance(node, dict):
                    for key, value in node.items():
                        if key == 'run' and isinstance(value, str) and '${{' in value:
                            problems.append(f'{name}: {path}.run contains ${{{{')
                        if key in ('script', 'before_script', 'after_script'):
                            for line in value if isinstance(value, list) else [value]:
                                if isinstance(line, str) and ('$[[' in line or '${{' in line):
                                    problems.append(f'{name}: {path}.{key} contains an expression')
                        walk(value, f'{path}.{key}', name)
                elif isinstance(node, list):
                    for index, item in enumerate(node):
                        walk(item, f'{path}[{index}]', name)
            for name in sys.argv[1:]:
                for document in yaml.load_all(open(name)):
                    walk(document, '', name)
            action = yaml.load(open(sys.argv[1]))
            assert action['runs']['using'] == 'composite'
            text = open(sys.argv[1]).read()
            for name in action['inputs']:
                if 'inputs.' + name not in text:
                    problems.append(f'action input {name} is never used')
            print('\\n'.join(problems))
            sys.exit(1 if problems else 0)
            """
        let outcome = try ExternalTool.run("python3", ["-c", script] + files.map(Self.path))
        #expect(outcome.status == 0, "\(outcome.all)")
    }

    /// The action's own scripts (gate, then exit) with the real binary, as the composite runs them.
    @Test func actionScriptsGateAndExitWithTheVerdict() throws {
        let directory = Scratch.directory()
        let extract = """
            import sys
            from ruamel.yaml import YAML
            steps = {s['name']: s['run'] for s in YAML(typ='safe').load(open(sys.argv[1]))['runs']['steps'] if 'run' in s}
            open(sys.argv[2] + '/gate.sh', 'w').write(steps['Run the gate'])
            open(sys.argv[2] + '/exit.sh', 'w').write(steps["Exit with the gate's verdict"])
            """
        let extracted = try ExternalTool.run("python3", ["-c", extract, Self.path("action.yml"), directory.path])
        #expect(extracted.status == 0, "\(extracted.all)")
        try HostileResults.write(into: directory)
        let output = directory.appendingPathComponent("github-output").path
        let environment = [
            "LENS_GATE": LensGateBinary.url.path, "INPUT_RESULTS": "results.json", "INPUT_BASELINE": "baseline.json",
            "INPUT_THRESHOLD": "10", "INPUT_JUNIT": "lens-gate/junit.xml",
            "INPUT_ARGS": "--alpha 0.05", "RUNNER_TEMP": directory.path, "GITHUB_OUTPUT": output, "GITHUB_ACTIONS": "true",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        // GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail FILE`.
        let bash = URL(fileURLWithPath: "/bin/bash")
        let gate = try ChildProcess.run(
            bash, ["--noprofile", "--norc", "-eo", "pipefail", "gate.sh"], environment: environment, directory: directory)
        #expect(gate.status == 0, "\(gate.all)")
        #expect(RunnerParsing.commands(in: gate.stdout).first?.name == "error")
        let outputs = RunnerParsing.outputs(try String(contentsOfFile: output, encoding: .utf8))
        let value = { (name: String) in outputs.last { $0.name == name }?.value }
        #expect(value("status") == "1")
        #expect(value("verdict") == "failed")
        #expect(value("markdown-file") == directory.appendingPathComponent("lens-gate-summary.md").path)
        // The PR template's report folder need not exist beforehand.
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("lens-gate/junit.xml").path))

        func exit(_ gate: String, _ comment: String, strict: String) throws -> Int32 {
            try ChildProcess.run(
                bash, ["--noprofile", "--norc", "-eo", "pipefail", "exit.sh"],
                environment: ["GATE_STATUS": gate, "COMMENT_STATUS": comment, "STRICT_COMMENT": strict],
                directory: directory
            ).status
        }
        #expect(try exit("1", "0", strict: "false") == 1)
        #expect(try exit("0", "2", strict: "false") == 0)
        #expect(try exit("0", "2", strict: "true") == 2)
        #expect(try exit("4", "2", strict: "true") == 4)
        #expect(try exit("", "", strict: "false") == 2)
    }

    /// The refresh jobs commit exactly the baseline and its history: a temporary file of a killed
    /// writer, or anything else in the folder, is never picked up. Runs each template's own
    /// `history=` and `git add` lines in a scratch repository.
    @Test func refreshJobsStageOnlyTheBaselineAndItsHistory() throws {
        for (file, variable) in [
            ("ci-templates/github/lens-gate-baseline-refresh.yml", "BASELINE"),
            ("ci-templates/gitlab/lens-gate-job.sh", "baseline"),
        ] {
            let text = try String(contentsOfFile: Self.path(file), encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("history=") || $0.hasPrefix("git add") }
            #expect(lines.count == 2, "\(file): expected one history= and one git add line")
            let directory = Scratch.directory()
            for name in [
                "baselines/main.json", "baselines/history/main.jsonl", "baselines/.main.json.lens-gate-tmp-123-abc",
                "baselines/history/.main.jsonl.lens-gate-tmp-123-abc", "baselines/notes.txt",
            ] {
                let url = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try "x\n".write(to: url, atomically: true, encoding: .utf8)
            }
            let script =
                (["set -e", "git init -q .", "\(variable)=baselines/main.json"] + lines
                + ["git diff --cached --name-only"]).joined(separator: "\n")
            let outcome = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/bash"), ["-c", script],
                environment: [
                    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "HOME": directory.path,
                ],
                directory: directory)
            #expect(outcome.status == 0, "\(file): \(outcome.all)")
            #expect(outcome.stdout.split(separator: "\n") == ["baselines/history/main.jsonl", "baselines/main.json"], "\(file)")
        }
    }

    /// The GitLab job script with a prebuilt binary: reports in lens-gate/, collapsible sections,
    /// the note skipped without a token, and the verdict as the exit code.
    @Test func gitlabJobScriptGatesAndWritesTheReports() throws {
        let directory = Scratch.directory()
        try HostileResults.write(into: directory)
        let environment = [
            "LENS_GATE": LensGateBinary.url.path, "LENS_GATE_RESULTS": "results.json", "LENS_GATE_BASELINE": "baseline.json",
            "LENS_GATE_THRESHOLD": "10", "LENS_GATE_COMMENT": "true",
            "CI_MERGE_REQUEST_IID": "3", "CI_PROJECT_ID": "9", "CI_API_V4_URL": "http://127.0.0.1:1/api/v4",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let outcome = try ChildProcess.run(
            URL(fileURLWithPath: Self.path("ci-templates/gitlab/lens-gate-job.sh")), ["gate"],
            environment: environment, directory: directory)
        #expect(outcome.status == 1, "\(outcome.all)")
        for report in ["junit.xml", "summary.md", "verdict.json", "metrics.txt"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("lens-gate/\(report)").path), "\(report)")
        }
        let start = try Regex(#"\x1B\[0Ksection_start:[0-9]+:lens_gate_gate\[collapsed=false\]\r\x1B\[0Klens-gate: benchmark and gate"#)
        #expect(outcome.stdout.contains(start))
        #expect(outcome.stdout.contains(try Regex(#"\x1B\[0Ksection_end:[0-9]+:lens_gate_gate\r\x1B\[0K"#)))
        #expect(outcome.stderr.contains("skipped: no token in LENS_GATE_GITLAB_TOKEN"))
        let metrics = try String(contentsOf: directory.appendingPathComponent("lens-gate/metrics.txt"), encoding: .utf8)
        #expect(metrics.hasSuffix("# EOF\n"))
    }
}
