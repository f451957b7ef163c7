import Foundation
import TestSupport
import Testing

/// The GitLab jobs as they run in the lens-gate image: the metrics report for the target branch,
/// the weekly refresh's one reused branch per baseline, and a component whose every job name
/// carries the job prefix (so that it can be included twice).
@Suite struct GitLabImageJobTests {
    static let script = URL(fileURLWithPath: Repository.path("ci-templates/gitlab/lens-gate-job.sh"))
    static let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

    /// On the default branch: the baseline checked against itself becomes metrics.txt, exit 0; a
    /// project without a baseline yet gets a log line and no failure.
    @Test func metricsJobWritesTheBaselinesFiguresForTheTargetBranch() throws {
        let directory = Scratch.directory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("baselines"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.path("examples/baseline.json"), toPath: directory.appendingPathComponent("baselines/main.json").path)
        let environment = ["LENS_GATE": LensGateBinary.url.path, "PATH": Self.path]
        let outcome = try ChildProcess.run(Self.script, ["metrics"], environment: environment, directory: directory)
        #expect(outcome.status == 0, "\(outcome.all)")
        let metrics = try String(contentsOf: directory.appendingPathComponent("lens-gate/metrics.txt"), encoding: .utf8)
        #expect(metrics.contains("lens_gate_current_value{"))
        #expect(metrics.contains("lens_gate_exit_code 0"))
        #expect(metrics.hasSuffix("# EOF\n"))

        let empty = Scratch.directory()
        let none = try ChildProcess.run(Self.script, ["metrics"], environment: environment, directory: empty)
        #expect(none.status == 0, "\(none.all)")
        #expect(none.stdout.contains("no baseline at baselines/main.json yet"))
    }

    /// The refresh force-pushes one branch per baseline with merge_request.create, so a second
    /// week updates the open merge request instead of opening another. git and lens-gate are fakes
    /// that record their arguments.
    @Test func refreshReusesOneBranchPerBaseline() throws {
        let directory = Scratch.directory()
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("git.log").path
        let fakes = [
            "git": "#!/bin/sh\necho \"$*\" >> '\(log)'\n[ \"$1 $2\" = \"diff --cached\" ] && exit 1\nexit 0\n",
            "lens-gate": "#!/bin/sh\nexit 0\n",
        ]
        for (name, text) in fakes {
            let url = bin.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        func refresh(_ baseline: String) throws -> [String] {
            try? FileManager.default.removeItem(atPath: log)
            let environment = [
                "PATH": "\(bin.path):\(Self.path)", "LENS_GATE_REPETITIONS": "1", "LENS_GATE_BASELINE": baseline,
                "LENS_GATE_PUSH_TOKEN": "glpat-SECRET", "CI_SERVER_HOST": "gitlab.invalid", "CI_PROJECT_PATH": "group/project",
                "CI_COMMIT_BRANCH": "main",
            ]
            let outcome = try ChildProcess.run(Self.script, ["refresh"], environment: environment, directory: directory)
            #expect(outcome.status == 0, "\(outcome.all)")
            #expect(!outcome.all.contains("glpat-SECRET"))
            return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("push") }
        }
        for _ in 0..<2 {
            let pushes = try refresh("baselines/main.json")
            #expect(pushes.count == 1)
            let push = try #require(pushes.first)
            #expect(push.contains("--force"))
            #expect(push.contains("-o merge_request.create"))
            #expect(push.contains("-o merge_request.target=main"))
            #expect(push.hasSuffix("HEAD:refs/heads/lens-gate/refresh-main"), "\(push)")
        }
        let other = try refresh("baselines/gpu.json")
        #expect(other.first?.hasSuffix("HEAD:refs/heads/lens-gate/refresh-gpu") == true, "\(other)")
    }

    /// Every job (and the hidden base) of the component is named from the job-prefix input, and the
    /// jobs run the image's job script rather than cloning or building.
    @Test func componentJobsAreNamedFromThePrefixAndRunInTheImage() throws {
        let text = try String(contentsOfFile: Repository.path("ci-templates/gitlab/templates/lens-gate/template.yml"), encoding: .utf8)
        let jobs = try #require(text.components(separatedBy: "\n---\n").last)
        let names = jobs.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("#") && $0.hasSuffix(":") }
        #expect(names.count == 4, "\(names)")
        for name in names { #expect(name.contains("$[[ inputs.job-prefix ]]"), "\(name)") }
        for file in ["ci-templates/gitlab/templates/lens-gate/template.yml", "ci-templates/gitlab/lens-gate.gitlab-ci.yml"] {
            let template = try String(contentsOfFile: Repository.path(file), encoding: .utf8)
            #expect(!template.contains("git clone"), "\(file)")
            #expect(!template.contains("swift build"), "\(file)")
            #expect(template.contains("entrypoint: [\"\"]"), "\(file)")
            for job in ["gate", "metrics", "refresh"] { #expect(template.contains("- lens-gate-job \(job)"), "\(file)") }
        }
    }
}
