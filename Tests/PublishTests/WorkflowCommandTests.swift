import Foundation
import Gate
import LensCore
import Testing

@testable import Publish

/// Workflow commands, annotations and step outputs: escaped by the documented rules, bounded,
/// and read back by the runner exactly as meant — whatever a pull request names its scenarios.
@Suite struct WorkflowCommandTests {
    /// Collects printed lines, standing in for the console.
    final class Lines: LineOutput {
        var lines: [String] = []
        func writeOutput(_ text: String) { lines.append(text) }
    }

    @Test func dataAndPropertiesAreEscapedByTheDocumentedRules() {
        #expect(WorkflowCommand.escapeData("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad")
        #expect(WorkflowCommand.escapeProperty("50% a:b,c\r\nd") == "50%25 a%3Ab%2Cc%0D%0Ad")
        let command = WorkflowCommand("error", properties: [("title", "a::b,c")], message: "x::y")
        #expect(command.description == "::error title=a%3A%3Ab%2Cc::x::y")
    }

    @Test(arguments: Verdicts.hostileNames)
    func hostileTextRoundTripsThroughTheRunnersParser(name: String) throws {
        let command = WorkflowCommand("warning", properties: [("title", name), ("file", name)], message: name)
        let line = command.description
        #expect(!line.contains("\n") && !line.contains("\r"))
        let parsed = try #require(RunnerParsing.command(line))
        #expect(parsed.name == "warning")
        let shown = Verdicts.shownInLogs(name)
        #expect(parsed.properties == ["title": shown, "file": shown])
        #expect(parsed.message == shown)
    }

    /// Characters a log viewer acts on (NUL, ESC, C1 controls, bidirectional overrides) reach the
    /// runner as visible escapes, never as themselves.
    @Test func controlAndBidiCharactersAreShownNotObeyed() throws {
        let hostile = "a\u{0}b\u{1B}[31mred\u{7F}\u{9B}2J\u{202E}evil\u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}\u{2028}end"
        let line = WorkflowCommand("error", properties: [("title", hostile)], message: hostile).description
        let unsafe: [Unicode.Scalar] = [
            "\u{0}", "\u{1B}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}",
            "\u{061C}", "\u{2028}",
        ]
        #expect(!line.unicodeScalars.contains { unsafe.contains($0) }, "\(line.debugDescription)")
        let parsed = try #require(RunnerParsing.command(line))
        let expected = #"a\u{0}b\u{1B}[31mred\u{7F}\u{9B}2J\u{202E}evil\u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}\u{2028}end"#
        #expect(parsed.message == expected)
        #expect(parsed.properties["title"] == expected)
    }

    @Test func atMostTenErrorsAndTenWarningsThenOneNotice() {
        let errors = (0..<15).map { Verdicts.check("s\($0)") }
        let warnings = (0..<12).map { Verdicts.check("w\($0)", severity: .warning) }
        let passing = (0..<5).map { Verdicts.check("p\($0)", outcome: .passed) }
        let verdict = Verdicts.verdict(errors + warnings + passing)
        let commands = Annotations(summaryURL: "https://github.example/o/r/actions/runs/1").commands(for: verdict)
        #expect(commands.filter { $0.name == "error" }.count == 10)
        #expect(commands.filter { $0.name == "warning" }.count == 10)
        #expect(commands.map(\.name).last == "notice")
        #expect(commands.filter { $0.name == "notice" }.count == 1)
        let notice = commands.last?.message ?? ""
        #expect(notice.contains("lens-gate failed") && notice.contains("(7 more not annotated)"))
        #expect(notice.contains("https://github.example/o/r/actions/runs/1"))
        #expect(commands.first?.properties.first?.value == "lens-gate: s0 · ttft_ms.p95")
    }

    @Test func aPassingVerdictIsOneNotice() {
        let commands = Annotations(summaryURL: nil).commands(for: Verdicts.verdict([Verdicts.check("a", outcome: .passed)]))
        #expect(commands.map(\.name) == ["notice"])
    }

    @Test func aMissingBaselineIsAWarning() {
        let verdict = Verdicts.verdict([Verdicts.check("a", outcome: .skipped)], baselineProblem: "baselines/main.json: not found")
        let commands = Annotations(summaryURL: nil).commands(for: verdict)
        #expect(commands.map(\.name) == ["warning", "notice"])
        #expect(commands[0].message == "baselines/main.json: not found")
    }

    @Test func hostileScenarioNamesCannotForgeCommandsOrOutputs() throws {
        let verdict = Verdicts.hostile
        let printed = Lines()
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("gh-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        try CIReporter.publish(
            verdict: verdict, reports: ReportPaths(junit: "junit.xml", markdown: "summary.md"),
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputFile], console: printed)

        // Every printed line is one command, and only the ones we meant.
        #expect(printed.lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        let commands = printed.lines.compactMap(RunnerParsing.command)
        #expect(commands.count == printed.lines.count)
        #expect(commands.map(\.name) == Array(repeating: "error", count: Verdicts.hostileNames.count) + ["notice"])
        let titles = commands.dropLast().map { $0.properties["title"] ?? "" }
        #expect(titles == Verdicts.hostileNames.map { "lens-gate: \(Verdicts.shownInLogs($0)) · ttft_ms.p95" })

        // The outputs file holds exactly our names, with the hostile text intact inside one value.
        let outputs = RunnerParsing.outputs(try String(contentsOfFile: outputFile, encoding: .utf8))
        #expect(
            outputs.map(\.name) == [
                "verdict", "exit-code", "regressions", "warnings", "checks", "headline", "failed-checks",
                "junit-report", "markdown-report",
            ])
        #expect(outputs.first { $0.name == "verdict" }?.value == "failed")
        #expect(outputs.first { $0.name == "exit-code" }?.value == "1")
        #expect(outputs.first { $0.name == "regressions" }?.value == String(Verdicts.hostileNames.count))
        let failed = outputs.first { $0.name == "failed-checks" }?.value ?? ""
        #expect(failed.contains("evil\n::add-mask::leak\n::stop-commands::abc · ttft_ms.p95"))
    }

    @Test func aDelimiterThatOccursInAValueIsReplaced() {
        var delimiters = ["EOF", "EOF", "FRESH"][...]
        let text = StepOutputs([("headline", "before\nEOF\nafter")]).fileText { delimiters.popFirst() ?? "LAST" }
        #expect(text == "headline<<FRESH\nbefore\nEOF\nafter\nFRESH\n")
        #expect(StepOutputs.randomDelimiter() != StepOutputs.randomDelimiter())
    }

    @Test func nothingHappensOutsideGitHubActions() throws {
        let printed = Lines()
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("gh-output-\(UUID().uuidString)").path
        try CIReporter.publish(
            verdict: Verdicts.hostile, reports: ReportPaths(), environment: ["GITHUB_OUTPUT": outputFile], console: printed)
        #expect(printed.lines.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: outputFile))
    }

    @Test func secretsAreMaskedLineByLineOnlyInGitHubActions() {
        let printed = Lines()
        CIReporter.mask([Secret("one\ntwo"), Secret("")], environment: ["GITHUB_ACTIONS": "true"], console: printed)
        #expect(printed.lines == ["::add-mask::one", "::add-mask::two"])
        let elsewhere = Lines()
        CIReporter.mask([Secret("one")], environment: [:], console: elsewhere)
        #expect(elsewhere.lines.isEmpty)
    }

    @Test func theBenchmarkCredentialsAreTheOnesToMask() throws {
        let target = TargetConfig(
            name: "t", provider: .openai, baseURL: "http://127.0.0.1:1", model: "m",
            apiKey: CredentialSource(variable: "API_KEY"),
            headers: [.init(name: "X-Org", value: TemplatedValue("org ${ORG_TOKEN}"))])
        var config = BenchConfig()
        config.targets = [target]
        let secrets = CIReporter.secrets(of: config, environment: ["API_KEY": "sk-1", "ORG_TOKEN": "o-2", "OTHER": "x"])
        #expect(secrets.map(\.revealedForTransport) == ["sk-1", "o-2"])
    }

    @Test func unwritableOutputFileIsAnInputError() {
        #expect(throws: PublishError.self) {
            try CIReporter.publish(
                verdict: Verdicts.hostile, reports: ReportPaths(),
                environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": "/nonexistent-dir/out"], console: Lines())
        }
    }
}
