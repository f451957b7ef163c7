import LensCore
import Testing

@testable import Gate

/// The summaries state each scenario's goodput with the SLO it was measured under.
@Suite struct GoodputSummaryTests {
    func results() -> Results {
        var scenario = Samples.scenario("chat", seed: 1)
        scenario.counts = RequestCounts(requests: 200, succeeded: 198, failed: 2)
        scenario.goodput = Goodput(good: 171, slo: ServiceLevelObjective(ttftMs: 500, tpotMs: 50))
        return Samples.results(scenario, Samples.scenario("plain", seed: 2))
    }

    @Test func notesComeFromScenariosWithGoodputOnly() {
        let notes = GoodputNote.notes(for: results())
        #expect(notes.map(\.scenario) == ["chat"])
        #expect(notes.first?.text == "ttft_ms ≤ 500 ms, tpot_ms ≤ 50 ms (171 of 200 requests good, 85.5%)")
        #expect(GoodputNote.notes(for: nil).isEmpty)
    }

    @Test func markdownAndTerminalSayTheSLO() {
        let results = results()
        let verdict = evaluate(results, baseline: results, config: GateConfig())
        var markdown = MarkdownSummary()
        markdown.goodput = GoodputNote.notes(for: results)
        #expect(
            markdown.render(verdict).contains("- Goodput — chat: ttft_ms ≤ 500 ms, tpot_ms ≤ 50 ms (171 of 200 requests good, 85.5%)."))
        #expect(!MarkdownSummary().render(verdict).contains("Goodput"))
        var terminal = TerminalSummary(width: 120)
        terminal.goodput = markdown.goodput
        #expect(terminal.render(verdict).contains("goodput — chat: ttft_ms ≤ 500 ms, tpot_ms ≤ 50 ms (171 of 200 requests good, 85.5%)"))
    }
}
