import Gate
import LensCore
import Stats

/// One simulated pull request judged by lens-gate's real decision code, confirmation included.
public struct GateTrial: Sendable {
    /// What happened to the PR.
    public struct Outcome: Sendable {
        /// Per scenario: whether its check failed the gate.
        public var failedScenarios: Set<String>
        /// Whether the whole PR failed (any check, or the suite shift).
        public var failed: Bool
        /// Scenarios rerun for confirmation.
        public var rerun: Int
    }

    public var config: GateConfig

    /// Creates a trial runner with a gate configuration.
    public init(config: GateConfig) { self.config = config }

    /// Judges `current` (with reruns made by `rerun` when confirmation asks for them).
    public func judge(
        current: Results, baseline: Results, history: [HistoryEntry], rerun: (_ scenarios: [String]) -> (current: Results, baseline: Results?)
    ) -> Outcome {
        var current = current
        var baseline = baseline
        let first = evaluate(current, baseline: baseline, config: config, history: history)
        let plan = ConfirmationPlan(for: first, config: config)
        var verdict = first
        if !plan.isEmpty {
            var currentReruns: [Results] = []
            var baselineReruns: [Results] = []
            for _ in 0..<plan.reruns {
                let extra = rerun(plan.scenarios)
                currentReruns.append(extra.current)
                if let side = extra.baseline { baselineReruns.append(side) }
            }
            current = current.pooling(currentReruns)
            if !baselineReruns.isEmpty { baseline = baseline.pooling(baselineReruns) }
            verdict = evaluate(current, baseline: baseline, config: ConfirmationPlan.finalConfiguration(config), history: history)
        }
        let failed = Set(verdict.checks.filter(\.failsGate).map(\.scenario))
        return Outcome(failedScenarios: failed, failed: !verdict.passed, rerun: plan.scenarios.count)
    }
}
