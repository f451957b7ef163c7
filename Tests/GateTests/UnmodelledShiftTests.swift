import DecisionSimulation
import LensCore
import Stats
import Testing

@testable import Gate

/// A shift shared by nearly every check, with nothing that models run-to-run noise: inconclusive,
/// not N regressions; a check beyond the shift still regresses; the advice fits the run.
@Suite struct UnmodelledShiftTests {
    func config() -> GateConfig {
        var config = GateConfig()
        config.thresholdPercent = 5
        config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
        return config
    }

    let factory = RunFactory(shape: .logNormal, requests: 200, scenarios: 12, jobNoise: 0.05)

    /// A 20% slower job against a stored baseline without history: every check moved together.
    @Test func aSharedShiftWithoutHistoryIsInconclusiveNotARegression() throws {
        var generator = SeededGenerator(seed: 11)
        let baseline = factory.run(job: 1, using: &generator)
        let current = factory.run(job: 1.2, using: &generator)
        let decision = GateDecision(config: config(), baseline: .stored(baseline, name: "b", allowFingerprintMismatch: false))
        let outcome = try decide(
            decision, current,
            rerun: { names in
                Results(run: current.run, scenarios: factory.run(job: 1.2, using: &generator).scenarios.filter { names.contains($0.name) })
            })
        let verdict = outcome.verdict
        #expect(verdict.exitStatus == .passed, "\(verdict.headline)")
        #expect(verdict.regressions.isEmpty)
        let inconclusive = verdict.checks.filter { $0.outcome == .unmeasured && $0.severity == .warning }
        #expect(inconclusive.count >= 10)
        let message = try #require(inconclusive.first?.message)
        #expect(message.hasPrefix("inconclusive: moved with "))
        #expect(message.contains("after the run's shared shift of +"))
        #expect(verdict.notices.contains { $0.contains("checks moved the same way") && $0.contains("reported inconclusive") })
        #expect(verdict.headline.contains("inconclusive"))
    }

    /// The same slower job, and scenario s0 25% slower on top: s0 regresses beyond the shift.
    @Test func aCheckBeyondTheSharedShiftStillRegresses() {
        var generator = SeededGenerator(seed: 12)
        let baseline = factory.run(job: 1, using: &generator)
        let current = factory.run(job: 1.2, regression: 1.25, regressed: [0], using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: config())
        let s0 = verdict.checks.first { $0.scenario == "s0" }
        #expect(s0?.outcome == .regressed)
        #expect(s0?.severity == .error)
        #expect(s0?.notes.first?.contains("still beyond the 5% threshold after the run's shared shift") == true)
        #expect(verdict.checks.filter { $0.scenario != "s0" && $0.outcome == .regressed }.isEmpty)
        #expect(verdict.exitStatus == .regression)
    }

    /// Judged on the adjusted change and interval: explained by the shift ⇒ inconclusive; beyond
    /// it but with an interval reaching 0 ⇒ inconclusive; beyond with a clear interval ⇒ regression.
    @Test func theAdjustedChangeAndIntervalDecide() {
        let movement = SharedMovement(moved: 9, checks: 10, medianLog: Double.log(1.2))
        func check(_ percent: Double, _ interval: ClosedRange<Double>, metric: Metric = .ttftMs) -> Check {
            Check(
                scenario: "s", kind: .comparison, target: MetricStatistic(metric, .quantile(0.5)),
                change: Change(percent: percent, interval: interval, confidence: 0.95, baselineCount: 100, currentCount: 100),
                thresholdPercent: 5, outcome: .regressed, severity: .error, message: "rose")
        }
        let judge = UnmodelledShiftJudge(threshold: 5)
        #expect(judge.judge(check(22, 18...26), against: movement, alpha: 0.02).outcome == .unmeasured)
        #expect(judge.judge(check(32, 18...46), against: movement, alpha: 0.02).outcome == .unmeasured)
        #expect(judge.judge(check(32, 27...37), against: movement, alpha: 0.02).outcome == .regressed)
        // The 95% interval after the shift clears 0 ([+1.7, +14.2]), but not at α = 0.02 after a 50-fold correction.
        var corrected = check(29, 22...37)
        corrected.change?.pWorse = 0.0001
        corrected.change?.adjustedP = 0.005
        corrected.change?.adjustedFamily = .worse
        #expect(judge.judge(corrected, against: movement, alpha: 0.02).outcome == .unmeasured)
        #expect(judge.judge(check(29, 22...37), against: movement, alpha: 0.02).outcome == .regressed)
        // A higher-is-better metric moves the other way under the same worse-oriented shift.
        let throughput = check(-35, -40 ... -30, metric: .outputTokensPerSecond)
        #expect(judge.judge(throughput, against: movement, alpha: 0.02).outcome == .regressed)
        #expect(judge.judge(check(-18, -22 ... -14, metric: .outputTokensPerSecond), against: movement, alpha: 0.02).outcome == .unmeasured)
    }

    /// An interleaved run: both sides shared the runner, so a shift of everything is the candidate's.
    @Test func anInterleavedShiftOfEverythingStillFailsWithoutInterleavingAdvice() throws {
        var generator = SeededGenerator(seed: 13)
        let baseline = factory.run(job: 1, using: &generator)
        let candidate = factory.run(job: 1, regression: 1.2, regressed: nil, using: &generator)
        let run = Results.interleaved(candidate: candidate, baseline: baseline)
        let verdict = try GateDecision(config: config(), baseline: .sameJob(otherwise: nil)).firstLook(run)
        #expect(verdict.regressions.count >= 10)
        #expect(verdict.exitStatus == .regression)
        let together = verdict.notices.first { $0.contains("moved the same way") }
        #expect(together?.contains("the candidate changed everywhere") == true)
        #expect(
            !verdict.notices.contains {
                $0.contains("lens-gate ab") || $0.contains("compare interleaved") || $0.contains("interleaved A/B to tell")
            })
    }

    /// With history judging the checks, the advice to compare with baseline history is gone.
    @Test func withHistoryInUseTheHistoryAdviceIsGone() {
        var generator = SeededGenerator(seed: 14)
        let (history, baseline) = factory.history(runs: 8, using: &generator)
        var noShift = config()
        noShift.commonShift = false
        let current = factory.run(job: 1.2, using: &generator)
        let verdict = evaluate(current, baseline: baseline, config: noShift, history: history)
        #expect(verdict.checks.allSatisfy { $0.method == .history })
        #expect(verdict.notices.contains { $0.contains("moved the same way") })
        #expect(!verdict.notices.contains { $0.contains("compare with baseline history") })
    }

    /// A decision with its confirmation made by `rerun`.
    private func decide(_ decision: GateDecision, _ run: Results, rerun: ([String]) -> Results) throws -> GateOutcome {
        switch try decision.start(run) {
        case .decided(let outcome): return outcome
        case .rerun(let pending): return try pending.decide(with: (0..<pending.plan.reruns).map { _ in rerun(pending.plan.scenarios) })
        }
    }
}

extension GateDecision {
    /// The first look's verdict, confirmed or not.
    func firstLook(_ run: Results) throws -> Verdict {
        switch try start(run) {
        case .decided(let outcome): outcome.verdict
        case .rerun(let pending): pending.firstLook.verdict
        }
    }
}
