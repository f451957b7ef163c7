import LensCore
import Stats

/// Judges a run against a baseline under a gate configuration. Pure: no I/O, no clocks.
///
/// - Parameters:
///   - results: The current run.
///   - baseline: The baseline run, or nil when there is none (comparisons are then skipped).
///   - config: The gate rules.
///   - baselineProblem: Why there is no baseline, shown in the verdict and mapped to exit 4.
public func evaluate(
    _ results: Results, baseline: Results?, config: GateConfig, baselineProblem: String? = nil
) -> Verdict {
    var pending: [PendingCheck] = []
    var withoutBaseline: [String] = []
    for scenario in results.scenarios {
        let current = ScenarioData(scenario)
        let base = baseline?.scenario(named: scenario.name).map(ScenarioData.init)
        if baseline != nil, base == nil { withoutBaseline.append(scenario.name) }
        var available = scenario.availableMetrics
        for metric in base?.scenario.availableMetrics ?? [] where !available.contains(metric) { available.append(metric) }
        let plan = RulePlan(config: config, scenario: scenario.name, available: available)
        for rule in plan.comparisons {
            pending.append(ComparisonJudge(config: config).prepare(rule, scenario: scenario.name, current: current,
                                                                    baseline: base, baselineExists: baseline != nil))
        }
        for gate in plan.qualityGates {
            pending.append(.final(AbsoluteJudge.judge(gate, scenario: scenario.name, current: current)))
        }
        for budget in plan.budgets {
            pending.append(.final(AbsoluteJudge.judge(budget, scenario: scenario.name, current: current, baseline: base)))
        }
    }
    let checks = ComparisonJudge(config: config).decide(pending)
    let missing = baseline?.scenarios.map(\.name).filter { results.scenario(named: $0) == nil } ?? []
    var notices: [String] = []
    if !results.run.complete { notices.append("the run was interrupted: these results are partial") }
    if baseline?.run.complete == false { notices.append("the baseline run was interrupted: its results are partial") }
    if !missing.isEmpty {
        notices.append("baseline scenarios missing from this run: \(missing.joined(separator: ", "))")
    }
    return Verdict(checks: checks, correction: config.correction, scenariosWithoutBaseline: withoutBaseline,
                   scenariosMissingFromRun: missing, notices: notices, baselineProblem: baselineProblem)
}

/// A check that is either decided or waits for the suite-wide correction.
enum PendingCheck: Sendable {
    /// Decided without p-values (gates, budgets, skipped or unmeasured comparisons).
    case final(Check)
    /// A comparison whose decision needs the corrected p-values of the whole run.
    case comparison(RulePlan.Comparison, scenario: String, baseline: Double?, current: Double?, estimate: Estimate,
                    counts: (baseline: Int, current: Int))
}
