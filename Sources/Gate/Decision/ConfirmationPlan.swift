import LensCore

/// Which scenarios to rerun before a verdict is final: those with a comparison that failed or
/// came close (significant at the screening level and worse by more than half the threshold).
///
/// Screening is deliberately sensitive — it must not miss real regressions — and cheap when
/// nothing is flagged (no rerun at all). The final decision is taken on all the data of a flagged
/// scenario (first run and reruns pooled), with the run's usual correction; a chance fluctuation
/// in the first run rarely survives the extra data, while a real regression becomes clearer.
public struct ConfirmationPlan: Sendable, Equatable {
    /// Scenarios to rerun, in results order.
    public var scenarios: [String]
    /// Reruns per scenario.
    public var reruns: Int

    /// Plans the confirmation of a first verdict.
    public init(for verdict: Verdict, config: GateConfig) {
        reruns = config.confirmation.reruns
        guard reruns > 0 else {
            scenarios = []
            return
        }
        var flagged: [String] = []
        for check in verdict.checks where check.kind == .comparison && check.severity == .error {
            guard !flagged.contains(check.scenario) else { continue }
            if check.outcome == .regressed || Self.isCloseCall(check, config: config) { flagged.append(check.scenario) }
        }
        scenarios = flagged
    }

    /// Whether nothing needs rerunning.
    public var isEmpty: Bool { scenarios.isEmpty }

    /// The factor on every significance level of the final decision on the pooled data: ½.
    ///
    /// Screening flags a check whenever its first run is suspicious, and the pooled data contain
    /// that suspicious first run; deciding the pooled data at the full α would spend all of it on
    /// the flagged checks (the chance of a false alarm would stay ≈ α, not drop). At α/2 the
    /// confirmed verdict keeps false alarms clearly below α, at little cost in power because the
    /// pooled data are several times as informative (measured in Benchmarks/decision-benchmark).
    /// It applies to every level — a rule's own, a scenario's, the run-wide one (`RunSettings.alphaScale`).
    public static let finalAlphaScale = 0.5

    static func isCloseCall(_ check: Check, config: GateConfig) -> Bool {
        guard let change = check.change, let pWorse = change.pWorse, let percent = change.percent,
            let threshold = check.thresholdPercent
        else { return false }
        let worse = percent * check.target.metric.direction.worseSign
        return pWorse < config.confirmation.screeningAlpha && worse > threshold / 2
    }
}
