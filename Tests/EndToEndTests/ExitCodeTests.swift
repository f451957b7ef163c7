import Foundation
import TestSupport
import Testing

/// Every row of DESIGN.md's exit-code table, through the real binary: the code, and one clear
/// line on stderr naming the file (and line/field) at fault.
@Suite struct ExitCodeTests {
    let baseline = LensGateBinary.fixture("baseline.json")

    func check(_ results: String, _ extra: [String] = []) throws -> ProcessOutcome {
        try LensGateBinary.run(["check", LensGateBinary.fixture(results), "--baseline", baseline] + extra)
    }

    /// The single error line, checked for shape: `lens-gate: error: …`, one line.
    func errorLine(_ outcome: ProcessOutcome) -> String {
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr should be one line, got: \(outcome.stderr)")
        return lines.first.map(String.init) ?? ""
    }

    @Test func unchangedRunPasses() throws {
        let outcome = try check("unchanged.json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("### ✅ lens-gate passed"))
        #expect(outcome.stderr.contains("lens-gate passed"))
    }

    @Test func regressionExitsOne() throws {
        let outcome = try check("ttft-25pct-slower.json")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasPrefix("### ❌ lens-gate failed"))
        #expect(outcome.stderr.contains("chat · ttft_ms.p50"))
    }

    @Test(arguments: [
        ("does-not-exist.json", "does-not-exist.json: results file not found"),
        ("invalid-json.json", "invalid-json.json:2:61: invalid JSON: unexpected '}', expected ',' or ']'"),
        ("nan-latency.json", "nan-latency.json:3:35: invalid JSON: 'N' is not valid JSON: NaN and Infinity cannot be written in JSON"),
        ("schema-version-2.json", "schema-version-2.json:1:20: schema_version: unsupported schema_version 2"),
        ("empty-samples.json", "scenarios[0].samples.ttft_ms: empty sample list"),
        ("negative-latency.json", "scenarios[0].samples.ttft_ms[3]: negative value -5.0 (ttft_ms cannot be negative)"),
    ])
    func badResultsExitTwo(file: String, message: String) throws {
        let outcome = try check(file)
        #expect(outcome.status == 2)
        let line = errorLine(outcome)
        #expect(line.hasPrefix("lens-gate: error: "))
        #expect(line.contains(message), "\(line)")
    }

    @Test func badBaselineExitsTwoAndNamesIt() throws {
        let outcome = try LensGateBinary.run([
            "check", LensGateBinary.fixture("unchanged.json"),
            "--baseline", LensGateBinary.fixture("negative-latency.json"),
        ])
        #expect(outcome.status == 2)
        #expect(errorLine(outcome).contains("negative-latency.json:1:"))
    }

    @Test(arguments: [
        ("yaml-syntax-error.yaml", "yaml-syntax-error.yaml:4:8: YAML syntax error"),
        ("unknown-key.yaml", "unknown-key.yaml:2:3: gate: unknown key 'treshold_percent' (did you mean 'threshold_percent'?)"),
        ("missing.yaml", "missing.yaml: config file not found"),
    ])
    func badConfigExitsTwo(file: String, message: String) throws {
        let outcome = try check("unchanged.json", ["--config", LensGateBinary.fixture(file)])
        #expect(outcome.status == 2)
        #expect(errorLine(outcome).contains(message), "\(outcome.stderr)")
    }

    @Test func unwritableReportPathExitsTwoBeforeAnyWork() throws {
        let outcome = try check("unchanged.json", ["--junit", "/nonexistent-dir/junit.xml"])
        #expect(outcome.status == 2)
        #expect(
            errorLine(outcome).contains(
                "/nonexistent-dir/junit.xml: cannot write the JUnit report: directory /nonexistent-dir does not exist"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func badFlagsExitTwo() throws {
        let unknown = try LensGateBinary.run(["check", "x.json", "--treshold", "10"])
        #expect(unknown.status == 2)
        #expect(errorLine(unknown).contains("--treshold"))
        let negative = try check("unchanged.json", ["--threshold=-5"])
        #expect(negative.status == 2)
        #expect(errorLine(negative).contains("--threshold must be between 0 and 10000, found -5"))
    }

    @Test func missingBaselineExitsFourAndMarksCasesSkipped() throws {
        let directory = Scratch.directory()
        let junit = directory.appendingPathComponent("junit.xml").path
        let outcome = try LensGateBinary.run(
            [
                "check", LensGateBinary.fixture("unchanged.json"), "--baseline",
                "baselines/none.json", "--junit", junit,
            ], in: directory)
        #expect(outcome.status == 4)
        #expect(outcome.stderr.contains("baselines/none.json not found"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<skipped"))
        #expect(!xml.contains("<failure"))

        let noFlag = try LensGateBinary.run(["check", LensGateBinary.fixture("unchanged.json")])
        #expect(noFlag.status == 4)
        #expect(noFlag.stderr.contains("no baseline given"))
        let qualityOnly = try LensGateBinary.run(["check", LensGateBinary.fixture("unchanged.json"), "--no-baseline"])
        #expect(qualityOnly.status == 0)
    }

    @Test func scenarioOnlyOnOneSide() throws {
        let extra = try check("new-scenario-only.json")
        #expect(extra.status == 0)
        #expect(extra.stdout.contains("no baseline for this scenario"))
        let missing = try check("missing-scenario.json")
        #expect(missing.status == 0)
        #expect(missing.stdout.contains("baseline scenarios missing from this run: rag"))
    }

    /// Renaming every scenario must not get a change through: a baseline that shares no scenario
    /// with the run is no usable baseline (exit 4), not a pass with every check skipped.
    @Test func baselineSharingNoScenarioExitsFour() throws {
        let directory = Scratch.directory()
        let renamed = try String(contentsOfFile: LensGateBinary.fixture("ttft-25pct-slower.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\":\"chat\"", with: "\"name\":\"chat-v2\"")
            .replacingOccurrences(of: "\"name\":\"rag\"", with: "\"name\":\"rag-v2\"")
        #expect(renamed.contains("chat-v2") && renamed.contains("rag-v2"))
        try renamed.write(to: directory.appendingPathComponent("renamed.json"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(["check", "renamed.json", "--baseline", baseline], in: directory)
        #expect(outcome.status == 4, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(
            outcome.stderr.contains("the baseline shares no scenario with this run (baseline: chat, rag; this run: chat-v2, rag-v2)"),
            "\(outcome.stderr)")
    }

    /// A rule's threshold beats its scenario's, which beats the config's, which beats the flag:
    /// with `gate.threshold_percent: 5` in the config, `--threshold 50` does not let a 25%
    /// regression through, and the report says the flag was not used.
    @Test func configThresholdBeatsTheFlagAndSaysSo() throws {
        let directory = Scratch.directory()
        try "gate:\n  threshold_percent: 5\n".write(to: directory.appendingPathComponent("gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(
            [
                "check", LensGateBinary.fixture("ttft-25pct-slower.json"), "--baseline", baseline,
                "--config", "gate.yaml", "--threshold", "50",
            ], in: directory)
        #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(
            outcome.stdout.contains("--threshold 50% is not used: the config's gate.threshold_percent (5%) takes precedence"),
            "\(outcome.stdout)")
        // Where the config is silent, the flag applies.
        let flagOnly = try LensGateBinary.run(
            [
                "check", LensGateBinary.fixture("ttft-25pct-slower.json"), "--baseline", baseline,
                "--threshold", "50",
            ], in: directory)
        #expect(flagOnly.status == 0, "\(flagOnly.stdout)\n\(flagOnly.stderr)")
    }

    @Test func metricMissingInBaselineIsSkipped() throws {
        let outcome = try LensGateBinary.run([
            "check", LensGateBinary.fixture("unchanged.json"), "--baseline",
            LensGateBinary.fixture("baseline-without-e2e.json"),
        ])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("no baseline for e2e_ms"))
    }

    @Test func configuredRulesAndReportFiles() throws {
        let directory = Scratch.directory()
        let outcome = try LensGateBinary.run(
            [
                "check", LensGateBinary.fixture("ttft-25pct-slower.json"), "--baseline", baseline,
                "--config", LensGateBinary.fixture("strict-rules.yaml"),
                "--junit", "j.xml", "--markdown", "s.md", "--json", "v.json",
            ], in: directory,
            environment: ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("step-summary.md").path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        for file in ["j.xml", "s.md", "v.json", "step-summary.md"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let verdict = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("v.json"))) as? [String: Any]
        #expect(verdict?["exit_code"] as? Int == 1)
        let checks = verdict?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count == 4)  // one rule + one quality gate, two scenarios
        let markdown = try String(contentsOf: directory.appendingPathComponent("s.md"), encoding: .utf8)
        let summary = try String(contentsOf: directory.appendingPathComponent("step-summary.md"), encoding: .utf8)
        #expect(summary.hasPrefix(markdown))
    }

    @Test func versionAndHelp() throws {
        let version = try LensGateBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try LensGateBinary.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
    }
}
