import LensCore
import Stats

/// What the history stage of an evaluation produced: the comparisons (the eligible ones now
/// judged by the run-to-run model), the run's shared shift before its correction, and notices.
struct HistoryJudgement: Sendable {
    /// The pending checks in their original order, with history-modelled comparisons replaced.
    var pending: [PendingCheck]
    /// The shift shared by all modelled checks, when the model estimated one (undecided).
    var suiteShift: SuiteShift?
    /// What the report should say about the noise model.
    var notices: [String]
    /// How many comparisons the run-to-run model judged (0: no history model in use).
    var judgedByHistory = 0
    /// Whether the model also estimated and judged the run's shared shift (enough separate jobs):
    /// otherwise a shift shared by nearly every check is left to the unmodelled-shift stage.
    var shiftModelled = false
}

/// Replaces the within-run evidence of eligible comparisons by the run-to-run model when the
/// baseline history is long enough, and judges the run's shared shift.
struct HistoryJudge {
    /// The decision's settings (noise model, and the run-wide threshold and level of the shared shift).
    let settings: RunSettings
    let history: [HistoryEntry]

    private var config: GateConfig { settings.config }

    /// Whether the history model applies at all, and a notice when it was asked for but cannot.
    func mode(checkCount: Int) -> (active: Bool, notice: String?) {
        switch settings.noiseModel {
        case .withinRun:
            return (false, nil)
        case .auto, .history:
            if history.count >= config.minimumHistory { return (true, nil) }
            let notice =
                "run-to-run noise is not modelled (baseline history: \(history.count) of \(config.minimumHistory) runs needed): "
                + "a shift shared by most checks is reported inconclusive; seed the history (baseline update with several --from), "
                + "refresh baselines regularly, or compare interleaved (lens-gate ab)"
            return (false, settings.noiseModel == .history || checkCount > 0 ? notice : nil)
        }
    }

    /// Statistics the history keeps (see `MetricSummary`).
    static func isEligible(_ target: MetricStatistic) -> Bool {
        switch target.statistic {
        case .mean, .geometricMean: return target.metric.granularity == .perRequest
        case .quantile(let q): return target.metric.granularity == .perRequest && MetricSummary.quantileProbabilities.contains(q)
        case .value: return target.metric == .requestThroughput || target.metric == .outputThroughput
        case .min, .max: return false
        }
    }

    /// Judges the eligible comparisons against the history; returns the updated checks (the input
    /// is left as it was), the suite shift and notices.
    func judge(_ pending: [PendingCheck], currentData: [String: ScenarioData]) -> HistoryJudgement {
        var indices: [Int] = []
        var collected: [RunToRunModel.Series] = []
        let comparisons = pending.filter { $0.estimated != nil }.count
        // Decided before any series is built: without the model, no within-run error is estimated.
        let (active, notice) = mode(checkCount: comparisons)
        guard active else { return HistoryJudgement(pending: pending, suiteShift: nil, notices: notice.map { [$0] } ?? []) }
        // Each metric's samples go to the log scale once, however many of its statistics are judged.
        var logSamples: [String: [Metric: LogSample]] = [:]
        for (index, item) in pending.enumerated() {
            guard let comparison = item.estimated else { continue }
            let rule = comparison.rule
            guard rule.method != .fisher, rule.method != .threshold || rule.target.metric.granularity == .perScenario,
                Self.isEligible(rule.target), let data = currentData[comparison.scenario],
                let entry = series(
                    for: rule.target, scenario: comparison.scenario, current: data, value: comparison.currentValue,
                    logSamples: &logSamples)
            else { continue }
            indices.append(index)
            collected.append(entry)
        }
        guard !collected.isEmpty else { return HistoryJudgement(pending: pending, suiteShift: nil, notices: []) }
        let perRequest = collected.filter { !$0.historyWithin.allSatisfy { $0 == nil } }.count
        let jobs = HistoryEntry.jobIndices(history)
        let model = RunToRunModel(
            series: collected,
            useCommonShift: config.commonShift && perRequest >= GateConfig.commonShiftMinimumChecks, jobs: jobs)
        var judged = pending
        for (position, index) in indices.enumerated() {
            guard var comparison = pending[index].estimated,
                let judgement = model.judge(
                    position, minimumRuns: config.minimumHistory,
                    currentSampleCount: comparison.counts.current)
            else { continue }
            var updated = estimate(from: judgement, worseSign: collected[position].worseSign, within: comparison.estimate, model: model)
            updated.notes.insert("judged against the last \(judgement.runs) baselines: run-to-run spread learned from history", at: 0)
            comparison.rule.method = .history
            comparison.baselineValue = Double.exp(judgement.reference)
            comparison.estimate = updated
            judged[index] = .comparison(comparison)
        }
        let judgedCount = judged.filter { $0.estimated?.rule.method == .history }.count
        let jobCount = Set(jobs).count
        var notices: [String] = []
        if judgedCount > 0, jobCount < history.count {
            let unjudged = jobCount < 3 ? "; the run's shared shift is removed from every check but not judged until 3 separate jobs" : ""
            notices.append(
                "the baseline history holds \(history.count) runs from \(jobCount) separate job\(jobCount == 1 ? "" : "s") "
                    + "(repetitions of one job, seeded by baseline update): the spread between jobs is not learned yet, "
                    + "so the model is optimistic until weekly refreshes accumulate\(unjudged)")
        }
        let suiteShift = shift(model, checks: perRequest) ?? unjudgedShift(model, checks: perRequest, jobs: jobCount)
        return HistoryJudgement(
            pending: judged, suiteShift: suiteShift, notices: notices, judgedByHistory: judgedCount,
            shiftModelled: judgedCount > 0 && model.useCommonShift)
    }

    private func series(
        for target: MetricStatistic, scenario: String, current: ScenarioData, value now: Double?,
        logSamples: inout [String: [Metric: LogSample]]
    ) -> RunToRunModel.Series? {
        let worseSign = target.metric.direction.worseSign
        var values: [Double?] = []
        var within: [Double?] = []
        for entry in history {
            guard let summary = entry.summary(scenario, target.metric), let value = summary.value(of: target.statistic),
                value > 0
            else {
                values.append(nil)
                within.append(nil)
                continue
            }
            values.append(Double.log(value))
            within.append(LogScaleError.of(target.statistic, in: summary))
        }
        guard let now, now > 0 else { return nil }
        var currentWithin = 0.0
        if target.metric.granularity == .perRequest {
            guard let sorted = current.sorted[target.metric] else { return nil }
            let sample = logSamples[scenario]?[target.metric] ?? LogSample(sorted)
            logSamples[scenario, default: [:]][target.metric] = sample
            guard let sample, let error = LogScaleError.of(target.statistic, in: sample) else { return nil }
            currentWithin = error
        }
        return RunToRunModel.Series(
            worseSign: worseSign, history: values, historyWithin: within,
            current: Double.log(now), currentWithin: currentWithin)
    }

    /// The confidence interval of a log-scale change as a percent change: (exp(c ± t·se) − 1)·100.
    private func percentInterval(_ change: Double, standardError: Double, _ distribution: StudentT) -> ClosedRange<Double>? {
        guard let t = try? distribution.quantile(1 - (1 - config.confidence) / 2) else { return nil }
        return .checked((Double.exp(change - t * standardError) - 1) * 100, (Double.exp(change + t * standardError) - 1) * 100)
    }

    private func estimate(
        from judgement: RunToRunModel.Judgement, worseSign: Double, within: Estimate,
        model: RunToRunModel
    ) -> Estimate {
        var estimate = Estimate()
        estimate.percent = (Double.exp(judgement.ownChange) - 1) * 100
        let distribution = try? StudentT(degreesOfFreedom: judgement.degreesOfFreedom)
        estimate.interval = distribution.flatMap {
            percentInterval(judgement.ownChange, standardError: judgement.standardError, $0)
        }
        if let distribution, judgement.standardError > 0 {
            let statistic = worseSign * judgement.ownChange / judgement.standardError
            let pWorse = distribution.sf(statistic)
            let pBetter = distribution.cdf(statistic)
            estimate.pWorse = pWorse
            estimate.pBetter = pBetter
            estimate.pTwoSided = min(1, 2 * min(pWorse, pBetter))
        } else {
            estimate.undefinedReason = "the history shows no run-to-run spread at all"
        }
        estimate.standardErrorPercent = judgement.standardError * 100
        estimate.degreesOfFreedom = judgement.degreesOfFreedom
        estimate.evidence = within.evidence
        if model.useCommonShift, model.currentShift != 0 {
            estimate.afterSharedShiftPercent = (Double.exp(worseSign * model.currentShift) - 1) * 100
            estimate.notes.append(
                "the run's shared shift of \(Notation.percent((Double.exp(model.currentShift) - 1) * 100)) is judged separately, not here")
        }
        return estimate
    }

    private func shift(_ model: RunToRunModel, checks: Int) -> SuiteShift? {
        guard let judged = model.shiftJudgement() else { return nil }
        let percent = (Double.exp(judged.shift) - 1) * 100
        var interval: ClosedRange<Double>?
        var pWorse: Double?
        if let distribution = try? StudentT(degreesOfFreedom: judged.degreesOfFreedom), judged.standardError > 0 {
            interval = percentInterval(judged.shift, standardError: judged.standardError, distribution)
            pWorse = distribution.sf(judged.shift / judged.standardError)
        }
        // Decided after the family's correction (see `decided`); until then, not a regression.
        let message =
            "shared shift \(Notation.percent(percent)) across \(checks) checks vs the job-to-job spread of the last \(judged.runs) baselines"
        return SuiteShift(
            percent: percent, interval: interval, pWorse: pWorse, checks: checks, runs: judged.runs,
            isRegression: false, message: message)
    }

    /// The run's shared shift when the model removed it from every check but fewer than 3 separate
    /// jobs cannot judge it (repetitions of one job show nothing of how far a whole job moves):
    /// reported, as inconclusive, once it reaches half the threshold — a slower build everywhere
    /// must not pass unseen — and never failing the gate; nil otherwise.
    private func unjudgedShift(_ model: RunToRunModel, checks: Int, jobs: Int) -> SuiteShift? {
        let threshold = settings.threshold.value
        guard model.useCommonShift, jobs < 3, abs(model.currentShift) >= Double.log(1 + threshold / 200) else { return nil }
        let percent = (Double.exp(model.currentShift) - 1) * 100
        let message =
            "inconclusive: every check moved \(Notation.percent(percent)) together, not judged until the history holds 3 "
            + "separate jobs (it holds \(jobs)): a slower build everywhere cannot yet be told from a slower runner — "
            + "compare interleaved (lens-gate ab) to tell"
        return SuiteShift(percent: percent, interval: nil, pWorse: nil, checks: checks, runs: jobs, isRegression: false, message: message)
    }

    /// The shift decided with its p-value corrected within the run's family of tests, at the
    /// run-wide threshold and level (the shift belongs to no scenario and no rule).
    func decided(_ shift: SuiteShift?, adjustedP: Double) -> SuiteShift? {
        guard var shift else { return nil }
        let threshold = settings.threshold.value
        let significant = adjustedP < settings.decisionAlpha
        let beyond = shift.percent > threshold
        shift.isRegression = significant && beyond
        shift.pWorse = adjustedP
        let spread = "vs the job-to-job spread of the last \(shift.runs) baselines"
        if shift.isRegression {
            shift.message =
                "every check moved \(Notation.percent(shift.percent)) together, beyond the \(Notation.threshold(threshold)) threshold and \(spread) (\(Notation.pValue(adjustedP)) after correction): a slower code path everywhere, or a much slower runner — confirm with interleaved A/B"
        } else if abs(shift.percent) > threshold / 2 {
            shift.message =
                "every check moved \(Notation.percent(shift.percent)) together, within what job-to-job noise explains \(spread) (\(Notation.pValue(adjustedP)) after correction): not counted against any check"
        } else {
            shift.message = "shared shift \(Notation.percent(shift.percent)) across \(shift.checks) checks, within \(spread)"
        }
        return shift
    }
}
