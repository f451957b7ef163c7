import Foundation
import LensCore
import TestSupport
import Testing

@testable import Gate

/// The terminal table says what the Markdown summary says, without Markdown or HTML, within the width.
@Suite struct TerminalSummaryTests {
    func verdict(scenario: String = "chat") throws -> Verdict {
        let base = Samples.results(Samples.scenario(scenario, seed: 1))
        let current = Samples.results(Samples.scaled(Samples.scenario(scenario, seed: 2), ttft: 1.3))
        var config = GateConfig()
        config.qualityGates = [try QualityGate(parsing: "error_rate <= 1%")]
        return evaluate(current, baseline: base, config: config)
    }

    @Test func noMarkdownSyntaxOrEntitiesReachTheTerminal() throws {
        let verdict = try verdict()
        let text = TerminalSummary(width: 120).render(verdict)
        for markup in ["&lt;", "&gt;", "\\[", "<details>", "###", "| ", "**"] {
            #expect(!text.contains(markup), "\(markup) in\n\(text)")
        }
        #expect(text.hasPrefix("✗ " + verdict.headline))
        #expect(text.contains("gate: error_rate <= 1%"))
        #expect(text.contains("["), "intervals keep their brackets")
        // The same verdict as Markdown still escapes (that renderer is for PRs and files).
        let markdown = MarkdownSummary().render(verdict)
        #expect(markdown.contains("&lt;= 1%"))
        #expect(markdown.contains("<details>"))
    }

    @Test func failingRowsComeFirstAndEveryCheckHasARow() throws {
        let verdict = try verdict()
        let lines = TerminalSummary(width: 200).render(verdict).split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.contains("Scenario") && $0.contains("Check") })
        let rows = lines[(header + 1)...].filter { !$0.isEmpty }
        #expect(rows.count == verdict.checks.count)
        #expect(rows.first?.hasPrefix("✗") == true, "\(rows)")
    }

    @Test(arguments: [200, 100, 72, 50])
    func linesFitTheWidth(width: Int) throws {
        let text = TerminalSummary(width: width).render(try verdict(scenario: "a-rather-long-scenario-name-for-the-table"))
        let tableLines = text.split(separator: "\n").drop { !$0.contains("Scenario") }
        for line in tableLines { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        if width < 100 { #expect(!text.contains("Detects ≥"), "the least important column goes first") }
    }
}
