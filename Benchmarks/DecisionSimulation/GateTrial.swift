import Gate
import LensCore
import Stats

/// One simulated pull request judged by lens-gate's real decision: `GateDecision`, the entry point
/// the CLI's `gate`, `ab` and `check` commands use, with the confirmation reruns it asks for made
/// by the simulation instead of a benchmark.
public struct GateTrial: Sendable {
    /// What happened to the PR.
    public struct Outcome: Sendable {
        /// Per scenario: whether its check failed the gate.
        public var failedScenarios: Set<String>
        /// Whether the whole PR failed (any check, or the suite shift).
        public var failed: Bool
        /// Scenarios rerun for confirmation.
        public var rerun: Int
        /// Checks reported inconclusive (warning-severity, could not be judged): they pass.
        public var inconclusive: Int = 0
    }

    public var config: GateConfig

    /// Creates a trial runner with a gate configuration.
    public init(config: GateConfig) { self.config = config }

    /// Judges `run` against `baseline`; `rerun` makes one more run of the named scenarios in the
    /// run's own form (both sides for an interleaved run) whenever confirmation asks for one.
    public func judge(
        run: Results, baseline: BaselineInput, history: [HistoryEntry], rerun: (_ scenarios: [String]) -> Results
    ) throws(FieldError) -> Outcome {
        let outcome = try decide(run: run, baseline: baseline, history: history, rerun: rerun)
        let verdict = outcome.verdict
        return Outcome(
            failedScenarios: Set(verdict.checks.filter(\.failsGate).map(\.scenario)), failed: !verdict.passed,
            rerun: outcome.confirmation?.scenarios.count ?? 0,
            inconclusive: verdict.unmeasured.filter { $0.severity == .warning }.count)
    }

    /// The whole verdict of a pull request against a stored baseline (for studies that look at single checks).
    public func verdictStored(
        current: Results, baseline: Results, history: [HistoryEntry], rerun: (_ scenarios: [String]) -> Results
    ) throws(FieldError) -> Verdict {
        try decide(
            run: current, baseline: .stored(baseline, name: "stored baseline", allowFingerprintMismatch: false),
            history: history, rerun: rerun
        ).verdict
    }

    /// `GateDecision` from start to end, making the reruns it asks for with `rerun`.
    private func decide(
        run: Results, baseline: BaselineInput, history: [HistoryEntry], rerun: (_ scenarios: [String]) -> Results
    ) throws(FieldError) -> GateOutcome {
        let outcome: GateOutcome
        switch try GateDecision(config: config, baseline: baseline, history: history).start(run) {
        case .decided(let decided):
            outcome = decided
        case .rerun(let pending):
            let reruns = (0..<pending.plan.reruns).map { _ in rerun(pending.plan.scenarios) }
            outcome = try pending.decide(with: reruns)
        }
        return outcome
    }

    /// A pull request against a stored baseline with its history (the `lens-gate --baseline` path);
    /// `rerun` returns one more run of the named scenarios.
    public func judgeStored(
        current: Results, baseline: Results, history: [HistoryEntry], rerun: (_ scenarios: [String]) -> Results
    ) throws(FieldError) -> Outcome {
        try judge(
            run: current, baseline: .stored(baseline, name: "stored baseline", allowFingerprintMismatch: false),
            history: history, rerun: rerun)
    }

    /// An interleaved A/B pull request (the `lens-gate ab` path): both sides in one results value,
    /// compared within the job; `rerun` returns one more run of both sides of the named scenarios.
    public func judgeInterleaved(
        candidate: Results, baseline: Results, rerun: (_ scenarios: [String]) -> (candidate: Results, baseline: Results)
    ) throws(FieldError) -> Outcome {
        try judge(
            run: Results.interleaved(candidate: candidate, baseline: baseline), baseline: .sameJob(otherwise: nil),
            history: []
        ) { names in
            let extra = rerun(names)
            return Results.interleaved(candidate: extra.candidate, baseline: extra.baseline)
        }
    }
}

extension Results {
    /// One interleaved A/B results value, as `lens-gate ab` writes it: each candidate scenario
    /// under its own name and the baseline scenario of the same name under `NAME@baseline`, both
    /// marked as sides of the pair (the scenarios of `baseline` without a candidate are left out).
    public static func interleaved(candidate: Results, baseline: Results) -> Results {
        var scenarios: [ScenarioResult] = []
        for var side in candidate.scenarios {
            guard var other = baseline.scenario(named: side.name) else { continue }
            other.name = InterleavedSide.baselineName(of: side.name)
            other.interleaved = InterleavedSide(role: .baseline, pair: side.name)
            side.interleaved = InterleavedSide(role: .candidate, pair: side.name)
            scenarios += [side, other]
        }
        return Results(run: candidate.run, scenarios: scenarios)
    }
}
