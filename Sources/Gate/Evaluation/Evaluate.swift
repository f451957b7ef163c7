import LensCore
import Stats

/// Judges a run against a baseline under a gate configuration, in one look (no confirmation;
/// `GateDecision` is the whole decision of a gating command). Pure: no I/O, no clocks.
///
/// - Parameters:
///   - results: The current run.
///   - baseline: The baseline run, or nil when there is none (comparisons are then skipped).
///   - config: The gate rules.
///   - flags: Run-wide values from the command line; they apply where the config sets none.
///   - baselineProblem: Why there is no baseline, shown in the verdict and mapped to exit 4.
///   - history: Summaries of earlier baselines, oldest first (for trend rules and the noise model).
public func evaluate(
    _ results: Results, baseline: Results?, config: GateConfig, flags: GateFlags = GateFlags(),
    baselineProblem: String? = nil, history: [HistoryEntry] = []
) -> Verdict {
    Evaluation(settings: RunSettings(config: config, flags: flags), history: history)
        .verdict(results, baseline: baseline, baselineProblem: baselineProblem)
}

/// One look at a run, as typed stages, each a value in and a value out:
///
/// 1. **pair** each scenario with its baseline side (`ScenarioPairs`);
/// 2. **plan** its rules with every setting resolved once (`RulePlan`, from `RunSettings`);
/// 3. **estimate** every comparison and judge the absolute checks (`PendingCheck`s);
/// 4. **model history**: the run-to-run model replaces within-run evidence where it applies (`HistoryJudgement`);
/// 5. **correct and decide** across the run (`ComparisonJudge.decide`), then, when nothing models
///    run-to-run noise, make regressions that a shift of nearly everything explains inconclusive
///    (`UnmodelledShiftJudge`);
/// 6. **assemble** the verdict with its notices.
struct Evaluation {
    /// The resolved settings of this look.
    let settings: RunSettings
    /// Summaries of earlier baselines, oldest first.
    let history: [HistoryEntry]

    /// The verdict on `results` against `baseline`.
    func verdict(_ results: Results, baseline: Results?, baselineProblem: String?) -> Verdict {
        let config = settings.config
        let pairs = ScenarioPairs(current: results, baseline: baseline)
        let plans = pairs.current.indices.map { index in
            RulePlan(settings: settings, scenario: pairs.current[index].scenario.name, available: pairs.availableMetrics(index))
        }
        let pending = estimate(pairs, plans: plans)
        let historyJudge = HistoryJudge(settings: settings, history: Array(history.suffix(config.historyWindow)))
        let currentByName = Dictionary(pairs.current.map { ($0.scenario.name, $0) }, uniquingKeysWith: { first, _ in first })
        let modelled =
            baseline == nil
            ? HistoryJudgement(pending: pending, suiteShift: nil, notices: [])
            : historyJudge.judge(pending, currentData: currentByName)
        // The shared shift is one more test of the run: it joins the same multiple-testing family.
        let (decided, adjustedShift) = ComparisonJudge(config: config)
            .decide(modelled.pending, extraWorse: modelled.suiteShift?.pWorse.map { [$0] } ?? [])
        var suiteShift = modelled.suiteShift
        if let p = adjustedShift.first { suiteShift = historyJudge.decided(suiteShift, adjustedP: p) }
        // Nothing models a shift of the whole run (no history, or too few separate jobs to judge
        // one; not interleaved): a regression that a shift of nearly every check explains is inconclusive.
        let unmodelled = baseline != nil && !modelled.shiftModelled && !settings.sameJob
        let shared =
            unmodelled
            ? UnmodelledShiftJudge(threshold: settings.threshold.value).judge(
                decided, alphas: modelled.pending.map { $0.estimated?.rule.alpha })
            : UnmodelledShiftJudgement(checks: decided, movement: nil, notice: nil)
        let checks = shared.checks

        var notices: [String] = []
        if let shards = results.run.shards, !shards.missing.isEmpty {
            notices.append("these results were " + shards.summary)
        } else if !results.run.complete {
            notices.append("the run was interrupted: these results are partial")
        }
        if baseline?.run.complete == false { notices.append("the baseline run was interrupted: its results are partial") }
        if !pairs.missingFromRun.isEmpty {
            notices.append("baseline scenarios missing from this run: \(pairs.missingFromRun.joined(separator: ", "))")
        }
        notices += modelled.notices
        notices += settings.flagNotices(plans: zip(pairs.current.map(\.scenario.name), plans).map { ($0, $1) })
        if let notice = shared.notice {
            notices.append(notice)
        } else if suiteShift == nil,
            let together = sharedMovementNotice(
                checks, threshold: settings.threshold.value, sameJob: settings.sameJob, historyInUse: modelled.judgedByHistory > 0)
        {
            notices.append(together)
        }
        var verdict = Verdict(
            checks: checks, correction: config.correction, scenariosWithoutBaseline: pairs.withoutBaseline,
            scenariosMissingFromRun: pairs.missingFromRun, notices: notices,
            baselineProblem: baselineProblem ?? pairs.unusableBaseline)
        verdict.suiteShift = suiteShift
        verdict.shardCount = results.run.shards?.count
        return verdict
    }

    /// Stage 3: every comparison estimated (in parallel, each metric's shared tests once) and every
    /// absolute check judged, in results order.
    func estimate(_ pairs: ScenarioPairs, plans: [RulePlan]) -> [PendingCheck] {
        let config = settings.config
        var analysisKeys: [AnalysisKey] = []
        var analysisInputs: [(baseline: SortedSample, current: SortedSample)] = []
        for (index, plan) in plans.enumerated() {
            let name = pairs.current[index].scenario.name
            for rule in plan.comparisons where rule.target.metric.granularity == .perRequest {
                let key = AnalysisKey(scenario: index, metric: rule.target.metric)
                guard !analysisKeys.contains(key), let now = pairs.current[index].testedSample(key.metric),
                    let base = pairs.baseline[name]?.testedSample(key.metric)
                else { continue }
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

        // Bootstrap p-values must reach the strictest corrected level of any tested comparison.
        let comparisons = plans.flatMap(\.comparisons)
        let strictest = comparisons.map(\.alpha).min() ?? settings.decisionAlpha
        let judge = ComparisonJudge(config: config, resamples: config.resamples(forChecks: comparisons.count, alpha: strictest))
        var pending: [PendingCheck] = []
        for (index, current) in pairs.current.enumerated() {
            let name = current.scenario.name
            let base = pairs.baseline[name]
            for rule in plans[index].comparisons {
                let analysis = analysisByKey[AnalysisKey(scenario: index, metric: rule.target.metric)]
                pending.append(
                    judge.prepare(
                        rule, scenario: name, current: current, baseline: base,
                        baselineExists: pairs.hasBaseline, analysis: analysis))
            }
            for gate in plans[index].qualityGates {
                pending.append(.final(AbsoluteJudge.judge(gate, scenario: name, current: current)))
            }
            for budget in plans[index].budgets {
                pending.append(.final(AbsoluteJudge.judge(budget, scenario: name, current: current, baseline: base)))
            }
            for rule in config.trends {
                pending.append(
                    .final(
                        TrendJudge.judge(
                            rule, scenario: name, current: current, history: history,
                            alpha: settings.trendAlpha(forScenario: name))))
            }
        }
        return pending
    }
}

/// Identifies the shared tests of one metric in one scenario.
struct AnalysisKey: Hashable, Sendable {
    var scenario: Int
    var metric: Metric
}

/// A change shared by most checks is worth saying out loud when the shift was not judged on its
/// own (`SuiteShift`): code rarely slows every path by the same factor, a slower or faster runner
/// does — except in an interleaved run (`sameJob`), where both sides shared the runner. The advice
/// names only what this run did not use: no history advice when history judged the checks, no
/// interleaving advice inside an interleaved run.
func sharedMovementNotice(_ checks: [Check], threshold: Double, sameJob: Bool = false, historyInUse: Bool = false) -> String? {
    guard let movement = SharedMovement.of(checks, threshold: threshold) else { return nil }
    if sameJob {
        return
            "\(movement.summary): both sides ran interleaved in this job on the same runner, so the runner does not explain it: the candidate changed everywhere"
    }
    if historyInUse {
        return
            "\(movement.summary): a faster or slower runner often does this; the baseline history judged each check beyond the shared shift, "
            + "but not the shift itself (common_shift off, fewer than 8 checks or fewer than 3 separate jobs); interleaved A/B (lens-gate ab) can tell"
    }
    return "\(movement.summary): a faster or slower runner often does this; compare with baseline history or interleaved A/B to tell"
}
