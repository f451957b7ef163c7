import LensCore
import Stats

/// Judges a run against a baseline under a gate configuration. Pure: no I/O, no clocks.
///
/// - Parameters:
///   - results: The current run.
///   - baseline: The baseline run, or nil when there is none (comparisons are then skipped).
///   - config: The gate rules.
///   - baselineProblem: Why there is no baseline, shown in the verdict and mapped to exit 4.
///   - history: Summaries of earlier baselines, oldest first (for trend rules).
public func evaluate(
    _ results: Results, baseline: Results?, config: GateConfig, baselineProblem: String? = nil,
    history: [HistoryEntry] = []
) -> Verdict {
    let currentData = ScenarioData.prepare(results.scenarios)
    let baselineScenarios = results.scenarios.map { baseline?.scenario(named: $0.name) }
    let baselineData = ScenarioData.prepare(baselineScenarios.compactMap { $0 })
    // Scenario names are unique within a results file (validated on load).
    let baselineByName = Dictionary(baselineData.map { ($0.scenario.name, $0) }, uniquingKeysWith: { first, _ in first })

    // Plan every scenario's rules, then run each needed metric's tests once, in parallel.
    let plans = currentData.map { current -> RulePlan in
        var available = current.scenario.availableMetrics
        for metric in baselineByName[current.scenario.name]?.scenario.availableMetrics ?? [] where !available.contains(metric) {
            available.append(metric)
        }
        return RulePlan(config: config, scenario: current.scenario.name, available: available)
    }
    var analysisKeys: [AnalysisKey] = []
    var analysisInputs: [(baseline: SortedSample, current: SortedSample)] = []
    for (index, plan) in plans.enumerated() {
        let name = currentData[index].scenario.name
        for rule in plan.comparisons where rule.target.metric.granularity == .perRequest {
            let key = AnalysisKey(scenario: index, metric: rule.target.metric)
            guard !analysisKeys.contains(key), let now = currentData[index].sorted[key.metric],
                  let base = baselineByName[name]?.sorted[key.metric] else { continue }
            analysisKeys.append(key)
            analysisInputs.append((base, now))
        }
    }
    let confidence = config.confidence
    let analyses = ParallelMap.map(analysisInputs) { input in
        MetricAnalysis(baseline: input.baseline, current: input.current, confidence: confidence)
    }
    var analysisByKey: [AnalysisKey: MetricAnalysis] = [:]
    for (key, analysis) in zip(analysisKeys, analyses) { analysisByKey[key] = analysis }

    var pending: [PendingCheck] = []
    var withoutBaseline: [String] = []
    let comparisonCount = plans.reduce(0) { $0 + $1.comparisons.count }
    let judge = ComparisonJudge(config: config, resamples: config.resamples(forChecks: comparisonCount))
    for (index, current) in currentData.enumerated() {
        let name = current.scenario.name
        let base = baselineByName[name]
        if baseline != nil, base == nil { withoutBaseline.append(name) }
        for rule in plans[index].comparisons {
            let analysis = analysisByKey[AnalysisKey(scenario: index, metric: rule.target.metric)]
            pending.append(judge.prepare(rule, scenario: name, current: current, baseline: base,
                                         baselineExists: baseline != nil, analysis: analysis))
        }
        for gate in plans[index].qualityGates {
            pending.append(.final(AbsoluteJudge.judge(gate, scenario: name, current: current)))
        }
        for budget in plans[index].budgets {
            pending.append(.final(AbsoluteJudge.judge(budget, scenario: name, current: current, baseline: base)))
        }
        for rule in config.trends {
            pending.append(.final(TrendJudge.judge(rule, scenario: name, current: current, history: history,
                                                   alpha: config.scenarioOverrides[name]?.alpha ?? config.alpha)))
        }
    }
    let historyJudge = HistoryJudge(config: config, history: Array(history.suffix(config.historyWindow)))
    let currentByName = Dictionary(currentData.map { ($0.scenario.name, $0) }, uniquingKeysWith: { first, _ in first })
    var (suiteShift, historyNotices) = baseline == nil ? (nil, []) : historyJudge.apply(to: &pending, currentData: currentByName)
    // The shared shift is one more test of the run: it joins the same multiple-testing family.
    let (checks, adjustedShift) = ComparisonJudge(config: config).decide(pending, extraWorse: suiteShift?.pWorse.map { [$0] } ?? [])
    if let p = adjustedShift.first { suiteShift = historyJudge.decided(suiteShift, adjustedP: p) }
    let missing = baseline?.scenarios.map(\.name).filter { results.scenario(named: $0) == nil } ?? []
    var notices: [String] = []
    if !results.run.complete { notices.append("the run was interrupted: these results are partial") }
    if baseline?.run.complete == false { notices.append("the baseline run was interrupted: its results are partial") }
    if !missing.isEmpty {
        notices.append("baseline scenarios missing from this run: \(missing.joined(separator: ", "))")
    }
    notices += historyNotices
    if suiteShift == nil, let together = sharedMovementNotice(checks, threshold: config.thresholdPercent) { notices.append(together) }
    var verdict = Verdict(checks: checks, correction: config.correction, scenariosWithoutBaseline: withoutBaseline,
                          scenariosMissingFromRun: missing, notices: notices, baselineProblem: baselineProblem)
    verdict.suiteShift = suiteShift
    return verdict
}

/// Identifies the shared tests of one metric in one scenario.
struct AnalysisKey: Hashable, Sendable {
    var scenario: Int
    var metric: Metric
}

/// A check that is either decided or waits for the suite-wide correction.
enum PendingCheck: Sendable {
    /// Decided without p-values (gates, budgets, skipped or unmeasured comparisons).
    case final(Check)
    /// A comparison whose decision needs the corrected p-values of the whole run.
    case comparison(RulePlan.Comparison, scenario: String, baseline: Double?, current: Double?, estimate: Estimate,
                    counts: (baseline: Int, current: Int))
}

/// When nothing models run-to-run noise, a change shared by most checks is worth saying out loud:
/// code rarely slows every path by the same factor, a slower or faster runner does.
func sharedMovementNotice(_ checks: [Check], threshold: Double) -> String? {
    let changes = checks.compactMap { check -> Double? in
        guard check.kind == .comparison, check.target.metric.granularity == .perRequest, let percent = check.change?.percent,
              percent > -100 else { return nil }
        return Double.log(1 + percent / 100) * check.target.metric.direction.worseSign
    }
    guard changes.count >= GateConfig.commonShiftMinimumChecks else { return nil }
    let median = RunToRunModel.median(changes)
    let sameSide = changes.filter { ($0 > 0) == (median > 0) }.count
    guard abs(median) >= Double.log(1 + threshold / 200), Double(sameSide) >= 0.8 * Double(changes.count) else { return nil }
    let percent = Notation.percent((Double.exp(median) - 1) * 100)
    return "\(sameSide) of \(changes.count) checks moved the same way (median \(percent), worse-oriented): a faster or slower runner often does this; compare with baseline history or interleaved A/B to tell"
}
