import Foundation
import TestSupport
import Testing

/// The action's "Download the released lens-gate" step, run as the composite runs it against a
/// local HTTP server (python3 -m http.server on 127.0.0.1) holding a stand-in release: a verified
/// archive is used, a tampered or unlisted one stops the job (exit 3, one line saying why), an
/// unreachable one and any ref that is not a vX.Y.Z release fall back to building from source.
@Suite struct ReleaseDownloadTests {
    static let version = "9.8.7"

    /// One run of the step: its exit status, what it printed and the step outputs it wrote.
    struct StepRun {
        var status: Int32
        var stdout: String
        var stderr: String
        var outputs: [String: String]
    }

    /// A folder served over HTTP with one sub-folder per kind of release, and the extracted step.
    final class Release {
        let directory = Scratch.directory()
        var serve: URL { directory.appendingPathComponent("serve") }

        init() throws {
            let machine = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/uname"), ["-m"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let arch = machine == "arm64" ? "aarch64" : machine
            let name = "lens-gate-\(ReleaseDownloadTests.version)-linux-\(arch)"
            // The stand-in binary prints the version, as the real one's --version does.
            let make = """
                set -euo pipefail
                mkdir -p stage/\(name) serve/good serve/tampered serve/unlisted serve/absent
                printf '#!/bin/sh\\necho \(ReleaseDownloadTests.version)\\n' > stage/\(name)/lens-gate
                chmod +x stage/\(name)/lens-gate
                echo readme > stage/\(name)/README.md
                tar -C stage -czf serve/good/\(name).tar.gz \(name)
                (cd serve/good && sha256sum \(name).tar.gz > SHA256SUMS && echo "0000000000000000000000000000000000000000000000000000000000000000  other.tar.gz" >> SHA256SUMS)
                cp serve/good/\(name).tar.gz serve/tampered/ && printf 'x' >> serve/tampered/\(name).tar.gz
                cp serve/good/SHA256SUMS serve/tampered/
                cp serve/good/\(name).tar.gz serve/unlisted/ && grep -v '\(name)' serve/good/SHA256SUMS > serve/unlisted/SHA256SUMS
                """
            let made = try ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), ["-c", make], directory: directory)
            #expect(made.status == 0, "\(made.all)")
            let extract = """
                import sys
                from ruamel.yaml import YAML
                steps = {s['name']: s for s in YAML(typ='safe').load(open(sys.argv[1]))['runs']['steps']}
                open(sys.argv[2], 'w').write(steps['Download the released lens-gate']['run'])
                """
            let extracted = try ExternalTool.run(
                "python3", ["-c", extract, Repository.path("action.yml"), directory.appendingPathComponent("step.sh").path])
            #expect(extracted.status == 0, "\(extracted.all)")
        }

        /// Runs the step once per environment against one server; the server is stopped afterwards.
        func run(_ cases: [[String: String]]) throws -> [StepRun] {
            var driver = """
                set -u
                # The interpreter itself, not a wrapper script, so that $! is the server's own pid.
                python=$(python3 -c 'import sys; print(sys.executable)')
                "$python" -u -m http.server 0 --bind 127.0.0.1 --directory serve > server.log 2>&1 &
                server=$!
                # SIGKILL: the test process may pass SIGTERM on blocked, and the server must not outlive the driver.
                trap 'kill -KILL $server 2>/dev/null; wait $server 2>/dev/null' EXIT
                port=""
                for _ in $(seq 150); do
                    port=$(sed -n 's/.*port \\([0-9]*\\).*/\\1/p' server.log | head -n 1)
                    [ -n "$port" ] && break
                    sleep 0.1
                done
                [ -n "$port" ] || { echo "no server: $(cat server.log)" >&2; exit 99; }

                """
            for (index, environment) in cases.enumerated() {
                let assignments = environment.map { key, value in
                    "\(key)='\(value.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "PORT", with: "'\"$port\"'"))'"
                }.sorted().joined(separator: " ")
                driver += """
                    mkdir -p run-\(index)/temp && : > run-\(index)/output
                    env -i PATH="$PATH" HOME="$PWD" GITHUB_OUTPUT="$PWD/run-\(index)/output" RUNNER_TEMP="$PWD/run-\(index)/temp" \(assignments) \
                        bash --noprofile --norc -eo pipefail step.sh > run-\(index)/stdout 2> run-\(index)/stderr
                    echo $? > run-\(index)/status

                    """
            }
            let outcome = try ChildProcess.run(
                URL(fileURLWithPath: "/bin/bash"), ["-c", driver],
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                directory: directory)
            #expect(outcome.status == 0, "\(outcome.all)")
            return try cases.indices.map { index in
                let folder = directory.appendingPathComponent("run-\(index)")
                let read = { (file: String) in (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "" }
                var outputs: [String: String] = [:]
                for line in read("output").split(separator: "\n") {
                    let parts = line.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { outputs[String(parts[0])] = String(parts[1]) }
                }
                guard let status = Int32(read("status").trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw CocoaError(.fileReadCorruptFile)
                }
                return StepRun(status: status, stdout: read("stdout"), stderr: read("stderr"), outputs: outputs)
            }
        }
    }

    static let action = Repository.root.path

    @Test func verifiedArchiveIsUsedAndTamperedOrUnlistedOnesStopTheJob() throws {
        let release = try Release()
        let base = ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "v\(Self.version)", "ACTION_REPOSITORY": "octo/lens-gate"]
        let runs = try release.run([
            base.merging(["DOWNLOAD_URL": "http://127.0.0.1:PORT/good"]) { $1 },
            base.merging(["DOWNLOAD_URL": "http://127.0.0.1:PORT/tampered"]) { $1 },
            base.merging(["DOWNLOAD_URL": "http://127.0.0.1:PORT/unlisted"]) { $1 },
            base.merging(["DOWNLOAD_URL": "http://127.0.0.1:PORT/absent"]) { $1 },
        ])
        let good = runs[0]
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.outputs["source"] == "false")
        let path = try #require(good.outputs["path"])
        let version = try ChildProcess.run(URL(fileURLWithPath: path), ["--version"]).stdout
        #expect(version == "\(Self.version)\n")
        #expect(good.stdout.contains("using the released lens-gate \(Self.version), verified against SHA256SUMS"))

        let tampered = runs[1]
        #expect(tampered.status == 3)
        #expect(tampered.outputs["path"] == nil)
        #expect(tampered.stdout.contains("::error title=lens-gate::download-release: checksum mismatch:"), "\(tampered.stdout)")
        #expect(tampered.stdout.split(separator: "\n").filter { $0.hasPrefix("::error") }.count == 1)

        let unlisted = runs[2]
        #expect(unlisted.status == 3)
        #expect(unlisted.stdout.contains("SHA256SUMS has no line for lens-gate-\(Self.version)-linux-"), "\(unlisted.stdout)")

        let absent = runs[3]
        #expect(absent.status == 0)
        #expect(absent.outputs["source"] == "true")
        #expect(absent.outputs["path"] == nil)
        #expect(
            absent.stdout.contains(
                "::notice title=lens-gate::released lens-gate \(Self.version) not usable here, building it from source: download-release: could not download"
            ), "\(absent.stdout)")
    }

    /// Branches and commit SHAs build from source unless the version input names a release; the
    /// runner's _actions/OWNER/NAME/REF folder gives the ref when the context is empty.
    @Test func onlyReleasedVersionsAreDownloaded() throws {
        let release = try Release()
        // A runner-style checkout folder of the action at the release's tag.
        let actions = release.directory.appendingPathComponent("_actions/octo/lens-gate")
        try FileManager.default.createDirectory(at: actions, withIntermediateDirectories: true)
        let tagged = actions.appendingPathComponent("v\(Self.version)")
        try FileManager.default.createSymbolicLink(atPath: tagged.path, withDestinationPath: Self.action)
        let good = "http://127.0.0.1:PORT/good"
        let runs = try release.run([
            ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "main", "DOWNLOAD_URL": good],
            ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "0123456789abcdef0123456789abcdef01234567", "DOWNLOAD_URL": good],
            [
                "GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "0123456789abcdef0123456789abcdef01234567",
                "INPUT_VERSION": Self.version, "DOWNLOAD_URL": good,
            ],
            ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "v\(Self.version)", "INPUT_VERSION": "source", "DOWNLOAD_URL": good],
            ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "v\(Self.version)", "INPUT_VERSION": "latest", "DOWNLOAD_URL": good],
            ["GITHUB_ACTION_PATH": tagged.path, "ACTION_REF": "", "DOWNLOAD_URL": good],
            ["GITHUB_ACTION_PATH": Self.action, "ACTION_REF": "v1", "DOWNLOAD_URL": good],
        ])
        for (index, run) in runs.enumerated() {
            #expect(!run.stdout.contains("::error") || index == 4, "run \(index): \(run.stdout)")
        }
        #expect(runs[0].outputs["source"] == "true")
        #expect(runs[0].stdout.contains("building lens-gate from source (the action's ref 'main' is not a vX.Y.Z release"))
        #expect(runs[1].outputs["source"] == "true")
        #expect(runs[2].outputs["source"] == "false")
        #expect(runs[2].outputs["path"]?.hasSuffix("/lens-gate") == true)
        #expect(runs[3].outputs["source"] == "true")
        #expect(runs[4].status == 2)
        #expect(runs[4].stdout.contains("::error title=lens-gate::the version input must be X.Y.Z, vX.Y.Z or source"))
        #expect(runs[5].outputs["source"] == "false", "\(runs[5].stdout)\(runs[5].stderr)")
        #expect(runs[6].outputs["source"] == "true")
        // Only the two runs that named a release asked the server for anything: the archive and SHA256SUMS each.
        let log = try String(contentsOf: release.directory.appendingPathComponent("server.log"), encoding: .utf8)
        #expect(log.components(separatedBy: "GET /good/").count - 1 == 4, "\(log)")
    }
}
