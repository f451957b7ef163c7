import Foundation
import LensCore
import TestSupport
import Testing

@testable import Gate

@Suite struct ReportTests {
    /// A verdict with a regression, an improvement, a skipped scenario, an unmeasured check and a
    /// broken quality gate — every JUnit outcome.
    func mixedVerdict(hostileName: String = "chat") throws -> (Verdict, Results) {
        let base = Samples.results(Samples.scenario(hostileName, seed: 1), Samples.scenario("gone", seed: 9))
        var current = Samples.scaled(Samples.scenario(hostileName, seed: 2), ttft: 1.3)
        current.samples[.e2eMs] = current.samples[.e2eMs]?.map { $0 * 0.7 }
        let results = Results(
            run: RunMetadata(startedAt: "2026-11-23T09:00:00Z", host: HostInfo(name: "ci-1")),
            scenarios: [current, Samples.scenario("brand-new", seed: 3)])
        var config = GateConfig()
        config.qualityGates = [try QualityGate(parsing: "ttft_ms.p95 < 150ms")]
        config.rules = RulePlan.defaultRules(for: [.ttftMs, .e2eMs, .errorRate]) + [ComparisonRule(MetricStatistic(.tpotMs, .mean))]
        var baseWithTpot = base
        baseWithTpot.scenarios[0].samples[.tpotMs] = Samples.logNormal(200, median: 12, seed: 5)
        return (evaluate(results, baseline: baseWithTpot, config: config), results)
    }

    @Test func junitValidatesAgainstTheSchemaAndParsesWithJunitparser() throws {
        let (verdict, results) = try mixedVerdict()
        let xml = String(decoding: try JUnitReport(verdict, results: results).xml(), as: UTF8.self)
        let path = Scratch.file("xml")
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A copy of the common JUnit 10 schema (MIT licence, in its header) is kept with the tests.
        let schemaPath = Repository.root.appendingPathComponent("Tests/GateTests/Schemas/junit-10.xsd").path
        let lint = try ExternalTool.run("xmllint", ["--noout", "--schema", schemaPath, path])
        #expect(lint.status == 0, "\(lint.all)")

        let script = """
            import sys
            from junitparser import JUnitXml, Failure, Error, Skipped
            xml = JUnitXml.fromfile(sys.argv[1])
            seen = set()
            for suite in xml:
                for case in suite:
                    key = (case.classname, case.name)
                    assert key not in seen, key
                    seen.add(key)
                    for result in case.result:
                        print(type(result).__name__, suite.name, case.name, '|', result.message, '|', (result.text or '').split('\\n')[0])
            """
        let parsed = try ExternalTool.run("python3", ["-c", script, path])
        #expect(parsed.status == 0, "\(parsed.all)")
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        let failure = lines.first { $0.hasPrefix("Failure chat ttft_ms.p50") }
        #expect(failure != nil, "\(parsed.all)")
        // The human message is both the attribute and the first line of the text.
        if let failure {
            let parts = failure.components(separatedBy: " | ")
            #expect(parts.count == 3 && parts[1].hasSuffix(parts[2]), "\(failure)")
        }
        #expect(lines.contains { $0.hasPrefix("Error chat tpot_ms.mean") })
        #expect(lines.contains { $0.hasPrefix("Skipped brand-new ttft_ms.p50") })
        #expect(lines.contains { $0.hasPrefix("Failure chat gate: ttft_ms.p95 < 150ms") })
    }

    @Test func junitSurvivesHostileNames() throws {
        let hostile = "a<b>&\"c' | @here \u{1}\u{7}\u{FFFF} ]]> <!-- x"
        let (verdict, results) = try mixedVerdict(hostileName: hostile)
        let xml = try JUnitReport(verdict, results: results).xml()
        let path = Scratch.file("xml")
        try Data(xml).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lint = try ExternalTool.run("xmllint", ["--noout", path])
        #expect(lint.status == 0, "\(lint.all)")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("a&lt;b&gt;&amp;"))
        #expect(!text.contains("\u{1}"))
    }

    @Test func junitTimesHaveAtMostThreeDecimals() {
        #expect(JUnitReport.seconds(12.345678) == "12.346")
        #expect(JUnitReport.seconds(0) == "0.000")
        #expect(JUnitReport.seconds(.nan) == "0.000")
        #expect(JUnitReport.seconds(1e7) == "10000000.000")
    }

    @Test func duplicateCheckNamesGetUniqueJUnitNames() throws {
        let run = Samples.results(Samples.scenario())
        var config = GateConfig()
        config.qualityGates = [try QualityGate(parsing: "ttft_ms.p50 < 1s"), try QualityGate(parsing: "ttft_ms.p50 < 1s")]
        config.rules = []
        let report = JUnitReport(evaluate(run, baseline: run, config: config))
        #expect(report.suites[0].cases.map(\.name) == ["gate: ttft_ms.p50 < 1s", "gate: ttft_ms.p50 < 1s #2"])
    }

    @Test func markdownLeadsWithTheVerdictAndEscapesUntrustedNames() throws {
        let (verdict, _) = try mixedVerdict(hostileName: "evil|<img src=x onerror=alert(1)> @octocat #12 `code` *bold* [link](http://x)")
        let markdown = MarkdownSummary().render(verdict)
        #expect(markdown.hasPrefix("### ❌ lens-gate failed"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;img"))
        #expect(!markdown.contains("@octocat"))
        #expect(!markdown.contains("#12"))
        #expect(!markdown.contains("evil|"))
        #expect(markdown.contains("evil\\|"))
        #expect(!markdown.contains("[link](http"))
        // Every table row has the same number of cells as the header.
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let cellCount = { (row: Substring) in row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        #expect(Set(rows.map(cellCount)).count == 1)
    }

    @Test func markdownEscapingKeepsMetricNamesReadable() {
        #expect(MarkdownEscaping.inline("ttft_ms.p95") == "ttft_ms.p95")
        #expect(MarkdownEscaping.inline("_private_") == "\\_private\\_")
        #expect(MarkdownEscaping.inline("a|b") == "a\\|b")
        #expect(MarkdownEscaping.inline("line\nbreak") == "line break")
    }

    @Test func markdownIsTruncatedUnderTheLimitWithANote() throws {
        let scenarios = (0..<120).map {
            Samples.scenario("scenario-\($0)-" + String(repeating: "x", count: 120), count: 20, seed: UInt64($0))
        }
        let run = Results(scenarios: scenarios)
        let verdict = evaluate(run, baseline: run, config: GateConfig())
        let markdown = MarkdownSummary().render(verdict)
        #expect(markdown.utf8.count <= MarkdownSummary.gitHubCommentLimit)
        #expect(markdown.contains("checks not shown to stay under 65536 characters"))
        let small = MarkdownSummary(maximumLength: 2000, fullReportHint: "the job summary").render(verdict)
        #expect(small.utf8.count <= 2000)
        #expect(small.contains("See the job summary"))
    }

    @Test func goldenReports() throws {
        let (verdict, results) = try mixedVerdict()
        try Golden.check(MarkdownSummary().render(verdict), named: "mixed.md")
        try Golden.check(String(decoding: try JUnitReport(verdict, results: results).xml(), as: UTF8.self), named: "mixed.xml")
        try Golden.check(JSONWriter().string(verdict.json), named: "mixed.json")
    }

    /// Rendered by GitHub's own renderer (cmark-gfm), each quoted status line is a paragraph of
    /// its own (consecutive `>` lines used to merge into one), and the table stays a table.
    @Test func statusLinesRenderAsSeparateParagraphs() throws {
        let (verdict, _) = try mixedVerdict()
        let markdown = MarkdownSummary().render(verdict)
        let statusLines = markdown.split(separator: "\n").filter { $0.hasPrefix("> ") }
        #expect(statusLines.count >= 3)
        let script = """
            import sys, cmarkgfm
            from html.parser import HTMLParser
            class Counter(HTMLParser):
                def __init__(self):
                    super().__init__(); self.depth = 0; self.quoted = 0; self.tables = 0
                def handle_starttag(self, tag, attrs):
                    if tag == 'blockquote': self.depth += 1
                    if tag == 'p' and self.depth: self.quoted += 1
                    if tag == 'table' and not self.depth: self.tables += 1
                def handle_endtag(self, tag):
                    if tag == 'blockquote': self.depth -= 1
            counter = Counter()
            counter.feed(cmarkgfm.github_flavored_markdown_to_html(sys.stdin.read()))
            print(counter.quoted, counter.tables)
            """
        let rendered = try ExternalTool.run("python3", ["-c", script], stdin: markdown)
        #expect(rendered.status == 0, "\(rendered.all)")
        #expect(rendered.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "\(statusLines.count) 1", "\(rendered.all)")
    }

    @Test func changeNotation() {
        var change = Change(
            percent: 12.44, interval: 8.1...16.9, confidence: 0.95, pWorse: 0.003, adjustedP: 0.003,
            significant: true, baselineCount: 200, currentCount: 200)
        #expect(Notation.change(change) == "+12.4% [+8.1, +16.9] p=0.003 n=200+200")
        change.significant = false
        change.adjustedP = 0.41
        #expect(Notation.change(change) == "~ +12.4% [+8.1, +16.9] p=0.410 n=200+200")
        #expect(Notation.percent(-0.004) == "-0.00%")
        #expect(Notation.pValue(0.0004) == "p<0.001")
        #expect(Notation.value(0.0125, .errorRate) == "1.25%")
        #expect(Notation.value(1234.6, .e2eMs) == "1235 ms")
    }
}
