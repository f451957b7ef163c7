import LensCore
import Stats

/// Estimates one comparison: the relative change of the rule's statistic with its interval, the
/// p-values of the rule's method in both directions, and supporting evidence.
///
/// The metric's shared tests come from `MetricAnalysis`; only what depends on the rule's
/// statistic (the quantile bootstrap, the Fieller interval of a mean) is computed here.
struct ChangeEstimator {
    /// Confidence level of intervals.
    let confidence: Double
    /// Most bootstrap resamples when the bootstrap's p-value decides (enough for the corrected level).
    let resamples: Int
    /// Bootstrap seed (results are reproducible run to run).
    let seed: UInt64
    /// Bootstrap resamples for the interval, and all a deciding bootstrap draws when its p-values are large.
    var intervalResamples = 2000

    /// Estimates `rule` on both sides; `values` are the statistic's values the caller already has,
    /// `blocked` the block-labelled samples of an interleaved run (for the blocked rank test).
    func estimate(
        _ rule: RulePlan.Comparison, current: ScenarioData, baseline: ScenarioData, analysis: MetricAnalysis?,
        values: (baseline: Double?, current: Double?), blocked: BlockedSamples?
    ) -> Estimate {
        let metric = rule.target.metric
        if metric.granularity == .perScenario {
            return scenarioEstimate(rule, current: current.scenario, baseline: baseline.scenario)
        }
        guard let x = baseline.sorted[metric], let y = current.sorted[metric], let analysis else {
            return Estimate(undefinedReason: "\(metric.name) has no samples")
        }
        let worse: Alternative = metric.direction == .lowerIsBetter ? .greater : .less
        var estimate = Estimate()
        if let base = values.baseline, let now = values.current, base != 0 {
            estimate.percent = (now / base - 1) * 100
        }

        // Gaps of one request share its decode speed: with request labels on both sides, intervals
        // resample requests and tests compare one mean per request (`ScenarioData.testedSample`).
        let grouped = baseline.clustered[metric].flatMap { x in current.clustered[metric].map { (baseline: x, current: $0) } }
        if let grouped {
            estimate.notes.append(
                "\(grouped.baseline.clusterCount)+\(grouped.current.clusterCount) requests "
                    + "(\(grouped.baseline.count)+\(grouped.current.count) gaps): tests compare per-request mean gaps, intervals resample requests"
            )
        }

        // The interval of the statistic's relative change (and its standard error for the detection limit).
        switch rule.target.statistic {
        case .quantile(let q) where grouped != nil:
            if let grouped {
                applyClusteredBootstrap(
                    .quantile(q), grouped, worse: worse, alpha: rule.alpha, to: &estimate,
                    decides: rule.method == .bootstrap)
            }
        case .quantile(let q):
            applyQuantileBootstrap(
                q, x: x, y: y, worse: worse, alpha: rule.alpha, to: &estimate,
                decides: rule.method == .bootstrap)
        case .mean where grouped != nil:
            if let grouped {
                applyClusteredBootstrap(.mean, grouped, worse: worse, alpha: rule.alpha, to: &estimate, decides: false)
            }
        case .mean:
            if let change = try? relativeMeanChange(baseline: x.values, current: y.values, confidence: confidence) {
                estimate.interval = .checked(change.confidenceInterval.lower * 100, change.confidenceInterval.upper * 100)
            }
        case .geometricMean:
            if case .success(let welchLog) = analysis.welchLog {
                let ratio = welchLog.test.ratioInterval
                estimate.interval = .checked((ratio.lower - 1) * 100, (ratio.upper - 1) * 100)
            }
        case .min, .max, .value:
            break
        }

        // The baseline sample the tests saw (per-request means of a clustered metric), for relative errors.
        let tested = baseline.testedSample(metric) ?? x
        switch rule.method {
        case .welch:
            applyWelch(analysis, x: tested, worse: worse, to: &estimate)
        case .welchLog:
            switch analysis.welchLog {
            case .success(let welchLog):
                apply(welchLog.tails, worse: worse, to: &estimate)
                // A difference of logs is, to first order, a relative change.
                estimate.standardErrorPercent = welchLog.test.onLogs.standardError * 100
                estimate.degreesOfFreedom = welchLog.test.onLogs.degreesOfFreedom
            case .failure(let error):
                estimate.undefinedReason = error.description
            }
        case .mannWhitney:
            switch analysis.mannWhitney {
            case .success(let test): apply(test.tails, worse: worse, to: &estimate)
            case .failure(let error): estimate.undefinedReason = error.description
            }
        case .mannWhitneyBlocked:
            guard let blocked else {
                estimate.undefinedReason = "no block labels for \(metric.name) on both sides"
                break
            }
            do {
                apply(try blocked.tails(), worse: worse, to: &estimate)
                estimate.notes.append("ranked within \(blocked.strata.count) randomized blocks (interleaved A/B)")
            } catch {
                estimate.undefinedReason = error.description
            }
        case .bootstrap:
            if case .quantile = rule.target.statistic { break }  // decided by the quantile bootstrap above
            estimate.notes.append("bootstrap applies to quantiles; Welch's t-test used for \(rule.target.statistic)")
            applyWelch(analysis, x: tested, worse: worse, to: &estimate)
        case .threshold, .auto, .history:
            // `history` is decided by the run-to-run model after all checks are estimated.
            break
        case .fisher:
            estimate.undefinedReason = "Fisher's exact test applies to error_rate and goodput only"
        }
        estimate.evidence = evidence(analysis, worse: worse)
        return estimate
    }

    private func apply(_ tails: MetricAnalysis.Tails, worse: Alternative, to estimate: inout Estimate) {
        estimate.pWorse = tails.worse(worse)
        estimate.pBetter = tails.better(worse)
        estimate.pTwoSided = tails.twoSided
    }

    private func applyWelch(_ analysis: MetricAnalysis, x: SortedSample, worse: Alternative, to estimate: inout Estimate) {
        switch analysis.welch {
        case .success(let welch):
            apply(welch.tails, worse: worse, to: &estimate)
            if let base = try? Descriptive.mean(x.values), base != 0 {
                estimate.standardErrorPercent = welch.test.standardError / abs(base) * 100
                estimate.degreesOfFreedom = welch.test.degreesOfFreedom
            }
        case .failure(let error):
            estimate.undefinedReason = error.description
        }
    }

    private func applyQuantileBootstrap(
        _ q: Double, x: SortedSample, y: SortedSample, worse: Alternative, alpha: Double, to estimate: inout Estimate,
        decides: Bool
    ) {
        applyBootstrap(worse: worse, alpha: alpha, to: &estimate, decides: decides) { replicates, extending throws(StatsUndefined) in
            let change = try quantileChange(
                baseline: x, current: y, quantile: q, confidence: confidence, resamples: replicates, extending: extending, seed: seed)
            return (change.confidenceInterval, change.pValueCurrentGreater, change.pValueCurrentLess)
        }
    }

    /// The cluster bootstrap of a request-clustered metric: requests are resampled, not gaps.
    private func applyClusteredBootstrap(
        _ statistic: ClusteredStatistic, _ samples: (baseline: ClusteredSample, current: ClusteredSample), worse: Alternative,
        alpha: Double, to estimate: inout Estimate, decides: Bool
    ) {
        applyBootstrap(worse: worse, alpha: alpha, to: &estimate, decides: decides) { replicates, extending throws(StatsUndefined) in
            let change = try clusteredChange(
                baseline: samples.baseline, current: samples.current, statistic: statistic, confidence: confidence,
                resamples: replicates, extending: extending, seed: seed)
            return (change.confidenceInterval, change.pValueCurrentGreater, change.pValueCurrentLess)
        }
    }

    /// Runs a bootstrap (`replicates` for the interval, extended while it decides and a p-value is
    /// small) and applies its interval and, when it decides, its p-values; an undefined bootstrap
    /// makes the check undefined only when it decides.
    private func applyBootstrap(
        worse: Alternative, alpha: Double, to estimate: inout Estimate, decides: Bool,
        _ bootstrap: (_ replicates: Int, _ extending: ResampleExtension?) throws(StatsUndefined)
            -> (interval: ConfidenceInterval, greater: Double, less: Double)
    ) {
        do {
            let result = try bootstrap(min(resamples, intervalResamples), resampleExtension(decides: decides, alpha: alpha))
            apply(bootstrap: result.interval, greater: result.greater, less: result.less, worse: worse, to: &estimate, decides: decides)
        } catch {
            if decides { estimate.undefinedReason = error.description }
        }
    }

    /// Past the interval's replicates, more are drawn only while a p-value could still be
    /// significant (below twice the level; Holm never rejects a raw p-value above it).
    private func resampleExtension(decides: Bool, alpha: Double) -> ResampleExtension? {
        decides ? ResampleExtension(maximum: resamples, whilePValueBelow: min(1, 2 * alpha)) : nil
    }

    /// A bootstrap's percentile interval (as a percent change, with the standard error it implies)
    /// and, when the bootstrap decides, its p-values.
    private func apply(
        bootstrap interval: ConfidenceInterval, greater: Double, less: Double, worse: Alternative, to estimate: inout Estimate,
        decides: Bool
    ) {
        guard let percentInterval = ClosedRange.checked(interval.lower * 100, interval.upper * 100) else {
            // As for an undefined bootstrap: only a deciding bootstrap makes the check undefined.
            if decides { estimate.undefinedReason = "the bootstrap interval is not finite (samples span too many orders of magnitude)" }
            return
        }
        estimate.interval = percentInterval
        // The percentile interval's half-width over z(1 − (1 − c)/2) approximates the standard error.
        if let z = try? Normal.quantile(1 - (1 - confidence) / 2), z > 0 {
            estimate.standardErrorPercent = (interval.upper - interval.lower) * 100 / (2 * z)
        }
        guard decides else { return }
        apply(MetricAnalysis.Tails(greater: greater, less: less, twoSided: min(1, 2 * min(greater, less))), worse: worse, to: &estimate)
    }

    // MARK: - Per-scenario metrics

    private func scenarioEstimate(_ rule: RulePlan.Comparison, current: ScenarioResult, baseline: ScenarioResult) -> Estimate {
        var estimate = Estimate()
        let metric = rule.target.metric
        if let base = baseline.scenarioValue(metric), let now = current.scenarioValue(metric) {
            if base != 0 { estimate.percent = (now / base - 1) * 100 } else if now == 0 { estimate.percent = 0 }
        }
        guard rule.method == .fisher else { return estimate }
        guard let b = baseline.counts, let c = current.counts else {
            estimate.undefinedReason = "request counts are missing"
            return estimate
        }
        // Rows: current, baseline; columns: bad, good requests. "Worse" = higher odds of a bad request now.
        var bad = (current: c.failed, baseline: b.failed)
        var good = (current: c.succeeded, baseline: b.succeeded)
        if metric == .goodput {
            guard let currentGoodput = current.goodput, let baselineGoodput = baseline.goodput else {
                estimate.undefinedReason = "good request counts are missing"
                return estimate
            }
            // Good counts under different SLOs measure different things: no test compares them.
            guard currentGoodput.slo == baselineGoodput.slo else {
                estimate.undefinedReason =
                    "goodput was measured under different SLOs (baseline \(baselineGoodput.slo.summary); current \(currentGoodput.slo.summary))"
                return estimate
            }
            good = (currentGoodput.good, baselineGoodput.good)
            bad = (c.requests - currentGoodput.good, b.requests - baselineGoodput.good)
        }
        do {
            let table = try TwoByTwoTable(bad.current, good.current, bad.baseline, good.baseline)
            func p(_ alternative: Alternative) -> Double {
                fisherExact(table, options: TestOptions(alternative: alternative, confidenceLevel: confidence)).pValue
            }
            apply(
                MetricAnalysis.Tails(greater: p(.greater), less: p(.less), twoSided: p(.twoSided)), worse: .greater,
                to: &estimate)
        } catch {
            estimate.undefinedReason = error.description
        }
        return estimate
    }

    // MARK: - Evidence

    /// Welch on raw and log values, Mann–Whitney and the Hodges–Lehmann shift, next to the deciding test.
    private func evidence(_ analysis: MetricAnalysis, worse: Alternative) -> [Evidence] {
        var items: [Evidence] = []
        switch analysis.welch {
        case .success(let welch):
            let interval = welch.test.confidenceInterval
            items.append(
                Evidence(
                    name: "welch", statistic: welch.test.t, interval: .checked(interval.lower, interval.upper),
                    pWorse: welch.tails.worse(worse), pTwoSided: welch.tails.twoSided))
        case .failure(let error):
            items.append(Evidence(name: "welch", undefinedReason: error.description))
        }
        switch analysis.welchLog {
        case .success(let welchLog):
            let interval = welchLog.test.ratioInterval
            items.append(
                Evidence(
                    name: "welch-log", statistic: welchLog.test.ratio, interval: .checked(interval.lower, interval.upper),
                    pWorse: welchLog.tails.worse(worse), pTwoSided: welchLog.tails.twoSided))
        case .failure(let error):
            items.append(Evidence(name: "welch-log", undefinedReason: error.description))
        }
        switch analysis.mannWhitney {
        case .success(let test):
            items.append(
                Evidence(
                    name: "mann-whitney", statistic: test.twoSided.u, pWorse: test.tails.worse(worse),
                    pTwoSided: test.tails.twoSided))
        case .failure(let error):
            items.append(Evidence(name: "mann-whitney", undefinedReason: error.description))
        }
        switch analysis.hodgesLehmann {
        case .success(let shift)?:
            let interval = shift.confidenceInterval
            items.append(Evidence(name: "hodges-lehmann", statistic: shift.estimate, interval: .checked(interval.lower, interval.upper)))
        case .failure(let error)?:
            items.append(Evidence(name: "hodges-lehmann", undefinedReason: error.description))
        case nil:
            items.append(Evidence(name: "hodges-lehmann", undefinedReason: "left out above 10^10 sample pairs (cost)"))
        }
        return items
    }
}
