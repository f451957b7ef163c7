import LensCore

/// The whole decision of a gating command, owned by Gate: resolve the baseline, evaluate, ask for
/// confirmation reruns when a check is flagged, pool them with the first run and decide the pooled
/// data at half of every significance level.
///
/// Shaped like swift-nio's protocol state machines: pure methods that say what the caller must do
/// next, and a thin shell that does it. `start` either decides at once or returns a
/// `PendingConfirmation` naming the scenarios to rerun; the caller — the CLI running the benchmark
/// again, the decision benchmark simulating it, a test with a fake — performs the reruns and hands
/// their results to `PendingConfirmation.decide(with:)`. The types leave no way to decide pooled
/// data twice or to skip the reruns that were asked for. No I/O, no clocks.
///
/// `lens-gate` (gate), `lens-gate ab`, `lens-gate check` (which cannot rerun, and takes
/// `PendingConfirmation.firstLook`) and Benchmarks/decision-benchmark all decide through this type.
public struct GateDecision: Sendable {
    /// The gate section of the config.
    public var config: GateConfig
    /// Run-wide values from the command line (they apply where the config sets none).
    public var flags: GateFlags
    /// What the run is compared with.
    public var baseline: BaselineInput
    /// Summaries of earlier baselines, oldest first (trend rules and the run-to-run noise model).
    public var history: [HistoryEntry]

    /// Creates a decision.
    public init(config: GateConfig, flags: GateFlags = GateFlags(), baseline: BaselineInput, history: [HistoryEntry] = []) {
        self.config = config
        self.flags = flags
        self.baseline = baseline
        self.history = history
    }

    /// What the caller must do next.
    public enum Action: Sendable {
        /// Rerun the named scenarios, then call `decide(with:)` on the value.
        case rerun(PendingConfirmation)
        /// The decision is final.
        case decided(GateOutcome)
    }

    /// Takes a first look at `run` (as measured: both sides of an interleaved run in one value).
    /// Throws when the run's interleaved sides do not pair up, or the baseline must be the run's
    /// own interleaved sides and it has none (errors of the results file).
    public func start(_ run: Results) throws(FieldError) -> Action {
        let resolved = try baseline.resolve(for: run)
        let first = GateOutcome(verdict: look(at: resolved, alphaScale: 1), results: run, judged: resolved.current, confirmation: nil)
        let plan = ConfirmationPlan(for: first.verdict, config: config)
        guard plan.isEmpty else { return .rerun(PendingConfirmation(decision: self, firstLook: first, plan: plan)) }
        return .decided(first)
    }

    /// One evaluation of resolved inputs, with the resolution's notices added.
    func look(at resolved: ResolvedBaseline, alphaScale: Double) -> Verdict {
        let settings = RunSettings(config: config, flags: flags, alphaScale: alphaScale, sameJob: resolved.sameJob)
        var verdict = Evaluation(settings: settings, history: history)
            .verdict(resolved.current, baseline: resolved.baseline, baselineProblem: resolved.problem)
        verdict.notices += resolved.notices
        return verdict
    }
}

/// A first look that flagged scenarios: the reruns the decision needs before it is final.
public struct PendingConfirmation: Sendable {
    /// The decision being confirmed.
    let decision: GateDecision
    /// The first look, unconfirmed: the outcome for a caller that cannot rerun anything
    /// (`lens-gate check` decides on the data it is given, at the full α).
    public let firstLook: GateOutcome
    /// What to rerun.
    public let plan: ConfirmationPlan

    /// Decides on all the data: the first run pooled with `reruns` (each a run of the flagged
    /// scenarios in the first run's own form — both sides for an interleaved run), at half of
    /// every significance level (`ConfirmationPlan.finalAlphaScale`).
    public func decide(with reruns: [Results]) throws(FieldError) -> GateOutcome {
        let pooled = firstLook.results.pooling(reruns)
        let resolved = try decision.baseline.resolve(for: pooled)
        var verdict = decision.look(at: resolved, alphaScale: ConfirmationPlan.finalAlphaScale)
        verdict.notices.append(
            "confirmation: \(plan.scenarios.joined(separator: ", ")) ran \(reruns.count + 1) time\(reruns.isEmpty ? "" : "s"); "
                + "the verdict is decided on all the data at α/2 (every check's significance level halved)")
        return GateOutcome(verdict: verdict, results: pooled, judged: resolved.current, confirmation: plan)
    }
}

/// The end of a decision.
public struct GateOutcome: Sendable {
    /// The verdict, with every notice.
    public var verdict: Verdict
    /// The run as measured, pooled with the confirmation reruns (what the results file holds).
    public var results: Results
    /// The results the verdict judged: `results`, or its candidate sides for an interleaved run.
    public var judged: Results
    /// The confirmation performed, if any.
    public var confirmation: ConfirmationPlan?
}
