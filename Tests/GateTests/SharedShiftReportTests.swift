import DecisionSimulation
import LensCore
import Stats
import Testing

@testable import Gate

/// With history in use, a check's change is measured after the run's shared shift while its
/// baseline and current values are raw: every report says so next to the change.
@Suite struct SharedShiftReportTests {
    /// A 10% slower job judged against 8 history runs.
    func slowJobAgainstHistory() -> Verdict {
        var config = GateConfig()
        config.thresholdPercent = 5
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        let factory = RunFactory(shape: .logNormal, requests: 200, scenarios: 12, jobNoise: 0.05)
        var generator = SeededGenerator(seed: 21)
        let (history, baseline) = factory.history(runs: 8, using: &generator)
        return evaluate(factory.run(job: 1.1, using: &generator), baseline: baseline, config: config, history: history)
    }

    @Test func theChangeSaysItIsAfterTheSharedShiftInEveryReport() throws {
        let verdict = slowJobAgainstHistory()
        let check = try #require(verdict.checks.first)
        #expect(check.method == .history)
        let shift = try #require(check.change?.afterSharedShiftPercent)
        #expect(shift > 3 && shift < 20, "shift \(shift)")
        let text = Notation.afterSharedShift(shift)
        #expect(text.hasPrefix("after shared shift +"))
        #expect(Notation.change(try #require(check.change)).contains(text))
        #expect(check.message.contains(text))
        let markdown = MarkdownSummary().render(verdict)
        #expect(markdown.contains("| \(text) |") || markdown.contains("] \(text) |"))
        #expect(markdown.contains("*after shared shift X%*"))
        let json = String(decoding: JSONWriter().compactBytes(verdict.json), as: UTF8.self)
        #expect(json.contains("\"after_shared_shift_pct\":"))
    }

    @Test func aRawChangeSaysNothingAboutAShift() throws {
        var config = GateConfig()
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        let factory = RunFactory(shape: .logNormal, requests: 200, scenarios: 2, jobNoise: 0.05)
        var generator = SeededGenerator(seed: 22)
        let verdict = evaluate(factory.run(job: 1, using: &generator), baseline: factory.run(job: 1, using: &generator), config: config)
        #expect(verdict.checks.allSatisfy { $0.change?.afterSharedShiftPercent == nil })
        #expect(!MarkdownSummary().render(verdict).contains("after shared shift"))
        #expect(!String(decoding: JSONWriter().compactBytes(verdict.json), as: UTF8.self).contains("after_shared_shift_pct"))
    }
}
