import DecisionSimulation
import LensCore
import Stats
import Testing

@testable import Gate

/// A history seeded by one `baseline update` with 3 repetitions of one job: it activates the
/// run-to-run model at the default `minimum_history` (3), not at 5, and never judges the run's
/// shared shift, which repetitions of one job cannot calibrate (it reports it as inconclusive).
@Suite struct SeededHistoryTests {
    let factory = RunFactory(shape: .logNormal, requests: 200, scenarios: 12, jobNoise: 0.05)

    func config(minimumHistory: Int? = nil) -> GateConfig {
        var config = GateConfig()
        config.thresholdPercent = 5
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        if let minimumHistory { config.minimumHistory = minimumHistory }
        return config
    }

    /// Three repetitions of one job (job factor `job`), marked as one seeded update; the last is the baseline.
    func seeded(job: Double, using generator: inout SeededGenerator) -> (entries: [HistoryEntry], baseline: Results) {
        var entries: [HistoryEntry] = []
        var baseline = factory.run(job: job, using: &generator)
        for index in 1...3 {
            if index > 1 { baseline = factory.run(job: job, using: &generator) }
            var entry = HistoryEntry(summarizing: baseline)
            entry.repetition = HistoryEntry.Repetition(index: index, of: 3)
            entries.append(entry)
        }
        return (entries, baseline)
    }

    @Test func threeSeededRepetitionsActivateTheModelAtTheDefault() throws {
        #expect(GateConfig().minimumHistory == 3)
        var generator = SeededGenerator(seed: 31)
        let (entries, baseline) = seeded(job: 1, using: &generator)
        // The next week's runner is 12% slower, and scenario s0 25% slower on top.
        let current = factory.run(job: 1.12, regression: 1.25, regressed: [0], using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: config(), history: entries)
        #expect(verdict.checks.allSatisfy { $0.method == .history })
        #expect(verdict.checks.first { $0.scenario == "s0" }?.outcome == .regressed)
        #expect(verdict.checks.filter { $0.scenario != "s0" }.allSatisfy { !$0.failsGate })
        // One job shows nothing of the spread between jobs: the shared shift is removed from every
        // check but not judged — reported as inconclusive, never failing — and s0's extra 25% fails.
        #expect(
            verdict.notices.contains {
                $0.contains("holds 3 runs from 1 separate job") && $0.contains("not judged until 3 separate jobs")
            })
        let shift = try #require(verdict.suiteShift)
        #expect(shift.isInconclusive && !shift.failsGate && shift.percent > 5)
        #expect(shift.message.hasPrefix("inconclusive: every check moved +1"))
        #expect(verdict.headline.contains("together (inconclusive)"))
        #expect(!verdict.notices.contains { $0.contains("compare with baseline history") })
        #expect(verdict.exitStatus == .regression)
    }

    @Test func threeSeededRepetitionsDoNotActivateTheModelAtFive() {
        var generator = SeededGenerator(seed: 32)
        let (entries, baseline) = seeded(job: 1, using: &generator)
        let current = factory.run(job: 1, using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: config(minimumHistory: 5), history: entries)
        #expect(verdict.checks.allSatisfy { $0.method != .history })
        #expect(verdict.notices.contains { $0.contains("run-to-run noise is not modelled (baseline history: 3 of 5 runs needed)") })
    }

    /// Separate jobs, by contrast, calibrate the shared shift once there are three of them.
    @Test func threeSeparateJobsJudgeTheSharedShift() {
        var generator = SeededGenerator(seed: 33)
        let (entries, baseline) = factory.history(runs: 3, using: &generator)
        let verdict = evaluate(factory.run(job: 1, using: &generator), baseline: baseline, config: config(), history: entries)
        #expect(verdict.suiteShift != nil)
        #expect(!verdict.notices.contains { $0.contains("separate job") })
    }
}
