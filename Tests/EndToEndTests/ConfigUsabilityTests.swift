import Foundation
import TestSupport
import Testing

/// What a new user meets first: `validate` saying which URLs will be called, and flags that work
/// the same on every command (issue 10, "A config a new user can write").
@Suite struct ConfigUsabilityTests {
    func write(_ text: String, to name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func validatePrintsTheURLsAndTheAuthHeaderNameButNoValue() throws {
        let directory = Scratch.directory()
        try write(
            """
            targets:
              mine:
                provider: custom
                model: my-model
                base_url: http://127.0.0.1:9000/
                api_key: ${LENS_GATE_TEST_VALIDATE_KEY}
                headers: {X-Trace: "${LENS_GATE_TEST_UNSET_VARIABLE}"}
              claude:
                provider: anthropic
                model: claude-test
                base_url: https://api.anthropic.com/v1
            workloads:
              chat: {prompt: hello}
            scenarios:
              - {name: s, target: mine, workload: chat}
            """, to: "bench.yaml", in: directory)
        let outcome = try LensGateBinary.run(
            ["validate", "-c", "bench.yaml"], in: directory,
            environment: ["LENS_GATE_TEST_VALIDATE_KEY": "sk-very-secret-value", "ANTHROPIC_API_KEY": "sk-ant-secret"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("target mine: provider custom, protocol openai-chat, model my-model"))
        #expect(outcome.stdout.contains("POST http://127.0.0.1:9000/v1/chat/completions"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("GET http://127.0.0.1:9000/v1/models"))
        #expect(outcome.stdout.contains("POST http://127.0.0.1:9000/tokenize"))
        #expect(outcome.stdout.contains("header Authorization (Bearer token from ${LENS_GATE_TEST_VALIDATE_KEY})"))
        #expect(outcome.stdout.contains("POST https://api.anthropic.com/v1/messages"), "\(outcome.stdout)")
        #expect(!outcome.stdout.contains("/v1/v1/"))
        #expect(outcome.stdout.contains("header x-api-key (from ${ANTHROPIC_API_KEY})"))
        #expect(!(outcome.stdout + outcome.stderr).contains("secret"))
        #expect(outcome.stderr.contains("bench.yaml:3: targets.mine: environment variable LENS_GATE_TEST_UNSET_VARIABLE is not set"))
        #expect(!outcome.stderr.contains("LENS_GATE_TEST_VALIDATE_KEY"))
    }

    @Test func validateWarnsOnThePlaceholdersInitWrites() throws {
        let directory = Scratch.directory()
        #expect(try LensGateBinary.run(["init", "--provider", "vllm"], in: directory).status == 0)
        let config = try String(contentsOf: directory.appendingPathComponent("lens-gate.yaml"), encoding: .utf8)
        #expect(config.contains("base_url: http://127.0.0.1:8000/v1"))
        let outcome = try LensGateBinary.run(["validate"], in: directory)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("model is the placeholder 'YOUR-MODEL' written by init"), "\(outcome.stderr)")
        let named = try LensGateBinary.run(["init", "--provider", "vllm", "--model", "m", "-o", "named.yaml"], in: directory)
        #expect(named.status == 0)
        let quiet = try LensGateBinary.run(["validate", "--config", "named.yaml"], in: directory)
        #expect(quiet.status == 0)
        #expect(!quiet.stderr.contains("warning"), "\(quiet.stderr)")
    }

    @Test func validateFailsLikeRunOnABadConfig() throws {
        let directory = Scratch.directory()
        try write(
            "targets:\n  t: {provider: custom, model: m, base_url: \"http://h:1/v1/chat/completions\"}\n", to: "lens-gate.yaml",
            in: directory)
        let outcome = try LensGateBinary.run(["validate"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("lens-gate.yaml:2:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("write base_url: http://h:1/v1"))
        let run = try LensGateBinary.run(["run"], in: directory)
        #expect(run.status == 2)
        #expect(run.stderr == outcome.stderr)
    }

    @Test(arguments: [["--threshold", "-5"], ["--threshold=-5"]])
    func aNegativeThresholdIsRefusedWithTheRange(flag: [String]) throws {
        let outcome = try LensGateBinary.run(["check", fixture("unchanged.json"), "--baseline", fixture("baseline.json")] + flag)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--threshold must be between 0 and 10000, found -5"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Missing value"))
    }

    @Test(arguments: [
        ["check", "RESULTS", "--baseline", "BASELINE", "-c", "elsewhere.yaml"],
        ["gate", "--baseline", "BASELINE", "-c", "elsewhere.yaml"],
        ["ab", "-c", "elsewhere.yaml"],
        ["run", "-c", "elsewhere.yaml"],
    ])
    func shortConfigFlagWorksOnEveryCommandThatTakesAConfig(arguments: [String]) throws {
        let resolved = arguments.map { $0 == "RESULTS" ? fixture("unchanged.json") : $0 == "BASELINE" ? fixture("baseline.json") : $0 }
        let outcome = try LensGateBinary.run(resolved)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("elsewhere.yaml"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Unknown option"))
    }

    @Test func baselineUpdateAcceptsQuiet() throws {
        let directory = Scratch.directory()
        let outcome = try LensGateBinary.run(
            ["baseline", "update", "--baseline", "b.json", "--from", fixture("unchanged.json"), "--max-drift", "100", "-q"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("baseline b.json updated"))
    }

    @Test func theMissingBaselineHintNamesTheResultsFileActuallyJudged() throws {
        let directory = Scratch.directory()
        let results = directory.appendingPathComponent("pr-results.json").path
        try FileManager.default.copyItem(atPath: fixture("unchanged.json"), toPath: results)
        let outcome = try LensGateBinary.run(["check", results, "--baseline", "absent.json", "--markdown", "summary.md"], in: directory)
        #expect(outcome.status == 4)
        #expect(outcome.stderr.contains("--from \(results)"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("--from results.json"))
    }

    private func fixture(_ name: String) -> String { LensGateBinary.fixture(name) }
}

/// `gate`/`check` print a plain table on a terminal and Markdown everywhere else.
@Suite struct SummaryOutputTests {
    func check(_ extra: [String]) throws -> ProcessOutcome {
        try LensGateBinary.run(
            ["check", LensGateBinary.fixture("ttft-25pct-slower.json"), "--baseline", LensGateBinary.fixture("baseline.json")] + extra)
    }

    @Test func markdownGoesToAPipeAndToMarkdownDash() throws {
        let piped = try check([])
        #expect(piped.status == 1)
        #expect(piped.stdout.hasPrefix("### "))
        let dash = try check(["--markdown", "-"])
        #expect(dash.status == 1)
        #expect(dash.stdout.hasPrefix("### "), "\(dash.stdout)")
        #expect(dash.stdout.contains("<details>"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aTerminalGetsAPlainTable() throws {
        // util-linux `script` runs the command on a pseudo-terminal, as an interactive shell would.
        let command = [
            LensGateBinary.url.path, "check", LensGateBinary.fixture("ttft-25pct-slower.json"), "--baseline",
            LensGateBinary.fixture("baseline.json"),
        ].map { "'\($0)'" }.joined(separator: " ")
        let outcome = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
            environment: LensGateBinary.environment(adding: ["COLUMNS": "100"]))
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("Scenario"))
        #expect(outcome.stdout.contains("ttft_ms.p50"))
        #expect(!outcome.stdout.contains("&lt;"))
        #expect(!outcome.stdout.contains("\\["))
        #expect(!outcome.stdout.contains("<details>"))
        #expect(!outcome.stdout.contains("\u{1B}["), "NO_COLOR is set by the test environment")
    }
}
