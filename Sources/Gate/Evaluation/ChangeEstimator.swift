import LensCore
import Stats

/// Estimates one comparison: the relative change of the rule's statistic with its interval, the
/// p-values of the rule's method in both directions, and supporting evidence. All Stats calls
/// of the gate go through here.
///
/// Every test is run as `test(current, baseline)`, so scipy's `.greater` means "current is larger".
struct ChangeEstimator {
    /// Confidence level of intervals.
    let confidence: Double
    /// Bootstrap resamples.
    let resamples: Int
    /// Bootstrap seed (results are reproducible run to run).
    let seed: UInt64

    /// Above this many sample pairs the Hodges–Lehmann shift is left out of the evidence: it is an
    /// extra effect size, and its selection over 10¹⁰ pairs already costs a noticeable time.
    static let hodgesLehmannPairLimit = 1e10

    func estimate(_ rule: RulePlan.Comparison, current: ScenarioData, baseline: ScenarioData) -> Estimate {
        let metric = rule.target.metric
        if metric.granularity == .perScenario {
            return scenarioEstimate(rule, current: current.scenario, baseline: baseline.scenario)
        }
        guard let x = baseline.sorted[metric], let y = current.sorted[metric] else {
            return Estimate(undefinedReason: "\(metric.rawValue) has no samples")
        }
        let worse: Alternative = metric.direction == .lowerIsBetter ? .greater : .less
        var estimate = Estimate()
        if let base = StatisticValue.of(rule.target.statistic, sorted: x),
           let now = StatisticValue.of(rule.target.statistic, sorted: y), base != 0 {
            estimate.percent = (now / base - 1) * 100
        }

        // The interval of the statistic's relative change (and its standard error for the detection limit).
        switch rule.target.statistic {
        case .quantile(let q):
            applyQuantileBootstrap(q, x: x, y: y, worse: worse, to: &estimate, decides: rule.method == .bootstrap)
        case .mean:
            applyMeanInterval(x: x, y: y, to: &estimate)
        case .geometricMean:
            applyLogWelch(x: x, y: y, worse: worse, to: &estimate, decides: false)
        case .min, .max, .value:
            break
        }

        switch rule.method {
        case .welch:
            applyWelch(x: x, y: y, worse: worse, to: &estimate)
        case .welchLog:
            applyLogWelch(x: x, y: y, worse: worse, to: &estimate, decides: true)
        case .mannWhitney:
            applyMannWhitney(x: x, y: y, worse: worse, to: &estimate)
        case .bootstrap:
            if case .quantile = rule.target.statistic { break }  // decided by the quantile bootstrap above
            estimate.notes.append("bootstrap applies to quantiles; Welch's t-test used for \(rule.target.statistic)")
            applyWelch(x: x, y: y, worse: worse, to: &estimate)
        case .threshold, .auto:
            break
        case .fisher:
            estimate.undefinedReason = "Fisher's exact test applies to error_rate only"
        }
        estimate.evidence = evidence(x: x, y: y, worse: worse)
        return estimate
    }

    private func options(_ alternative: Alternative) -> TestOptions {
        TestOptions(alternative: alternative, confidenceLevel: confidence)
    }

    // MARK: - Deciding tests

    private func applyWelch(x: SortedSample, y: SortedSample, worse: Alternative, to estimate: inout Estimate) {
        do {
            let twoSided = try welchTTest(y.values, x.values, options: options(.twoSided))
            estimate.pWorse = try welchTTest(y.values, x.values, options: options(worse)).pValue
            estimate.pBetter = try welchTTest(y.values, x.values, options: options(worse.opposite)).pValue
            estimate.pTwoSided = twoSided.pValue
            if let base = try? Descriptive.mean(x.values), base != 0 {
                estimate.standardErrorPercent = twoSided.standardError / abs(base) * 100
                estimate.degreesOfFreedom = twoSided.degreesOfFreedom
            }
        } catch {
            estimate.undefinedReason = error.description
        }
    }

    private func applyLogWelch(x: SortedSample, y: SortedSample, worse: Alternative, to estimate: inout Estimate, decides: Bool) {
        do {
            let twoSided = try welchTTestOnLogs(y.values, x.values, options: options(.twoSided))
            if estimate.interval == nil || !decides {
                estimate.interval = (twoSided.ratioInterval.lower - 1) * 100...(twoSided.ratioInterval.upper - 1) * 100
            }
            guard decides else { return }
            estimate.pWorse = try welchTTestOnLogs(y.values, x.values, options: options(worse)).onLogs.pValue
            estimate.pBetter = try welchTTestOnLogs(y.values, x.values, options: options(worse.opposite)).onLogs.pValue
            estimate.pTwoSided = twoSided.onLogs.pValue
            // A difference of logs is, to first order, a relative change.
            estimate.standardErrorPercent = twoSided.onLogs.standardError * 100
            estimate.degreesOfFreedom = twoSided.onLogs.degreesOfFreedom
        } catch {
            if decides { estimate.undefinedReason = error.description }
        }
    }

    private func applyMannWhitney(x: SortedSample, y: SortedSample, worse: Alternative, to estimate: inout Estimate) {
        do {
            estimate.pWorse = try mannWhitneyU(y, x, options: options(worse)).pValue
            estimate.pBetter = try mannWhitneyU(y, x, options: options(worse.opposite)).pValue
            estimate.pTwoSided = try mannWhitneyU(y, x, options: options(.twoSided)).pValue
        } catch {
            estimate.undefinedReason = error.description
        }
    }

    private func applyQuantileBootstrap(
        _ q: Double, x: SortedSample, y: SortedSample, worse: Alternative, to estimate: inout Estimate, decides: Bool
    ) {
        do {
            let bootstrap = try quantileChange(
                baseline: x, current: y, quantile: q, confidence: confidence, resamples: resamples, seed: seed)
            let interval = bootstrap.confidenceInterval
            estimate.interval = interval.lower * 100...interval.upper * 100
            // The percentile interval's half-width over z(1 − (1 − c)/2) approximates the standard error.
            if let z = try? Normal.quantile(1 - (1 - confidence) / 2), z > 0 {
                estimate.standardErrorPercent = (interval.upper - interval.lower) * 100 / (2 * z)
            }
            guard decides else { return }
            // One-sided bootstrap p-values; "current smaller" mirrors "current greater" on the same replicates.
            let pGreater = bootstrap.pValueCurrentGreater
            let pLess = min(1, 1 - pGreater + 2 / Double(bootstrap.resamples + 1))
            estimate.pWorse = worse == .greater ? pGreater : pLess
            estimate.pBetter = worse == .greater ? pLess : pGreater
            estimate.pTwoSided = min(1, 2 * min(pGreater, pLess))
        } catch {
            if decides { estimate.undefinedReason = error.description }
        }
    }

    private func applyMeanInterval(x: SortedSample, y: SortedSample, to estimate: inout Estimate) {
        if let change = try? relativeMeanChange(baseline: x.values, current: y.values, confidence: confidence) {
            estimate.interval = change.confidenceInterval.lower * 100...change.confidenceInterval.upper * 100
        }
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
        do {
            // Rows: current, baseline; columns: failed, succeeded. "Worse" = higher odds of failing now.
            let table = try TwoByTwoTable(c.failed, c.succeeded, b.failed, b.succeeded)
            estimate.pWorse = fisherExact(table, options: options(.greater)).pValue
            estimate.pBetter = fisherExact(table, options: options(.less)).pValue
            estimate.pTwoSided = fisherExact(table, options: options(.twoSided)).pValue
        } catch {
            estimate.undefinedReason = error.description
        }
        return estimate
    }

    // MARK: - Evidence

    /// Welch on raw and log values, Mann–Whitney and the Hodges–Lehmann shift, next to the deciding test.
    private func evidence(x: SortedSample, y: SortedSample, worse: Alternative) -> [Evidence] {
        var items: [Evidence] = []
        do {
            let twoSided = try welchTTest(y.values, x.values, options: options(.twoSided))
            let oneSided = try welchTTest(y.values, x.values, options: options(worse))
            items.append(Evidence(name: "welch", statistic: twoSided.t,
                                  interval: twoSided.confidenceInterval.lower...twoSided.confidenceInterval.upper,
                                  pWorse: oneSided.pValue, pTwoSided: twoSided.pValue))
        } catch {
            items.append(Evidence(name: "welch", undefinedReason: error.description))
        }
        do {
            let twoSided = try welchTTestOnLogs(y.values, x.values, options: options(.twoSided))
            let oneSided = try welchTTestOnLogs(y.values, x.values, options: options(worse))
            items.append(Evidence(name: "welch-log", statistic: twoSided.ratio,
                                  interval: twoSided.ratioInterval.lower...twoSided.ratioInterval.upper,
                                  pWorse: oneSided.onLogs.pValue, pTwoSided: twoSided.onLogs.pValue))
        } catch {
            items.append(Evidence(name: "welch-log", undefinedReason: error.description))
        }
        do {
            let twoSided = try mannWhitneyU(y, x, options: options(.twoSided))
            let oneSided = try mannWhitneyU(y, x, options: options(worse))
            items.append(Evidence(name: "mann-whitney", statistic: twoSided.u, pWorse: oneSided.pValue,
                                  pTwoSided: twoSided.pValue))
        } catch {
            items.append(Evidence(name: "mann-whitney", undefinedReason: error.description))
        }
        if Double(x.count) * Double(y.count) <= ChangeEstimator.hodgesLehmannPairLimit {
            do {
                let shift = try hodgesLehmannShift(baseline: x, current: y, confidenceLevel: confidence)
                items.append(Evidence(name: "hodges-lehmann", statistic: shift.estimate,
                                      interval: shift.confidenceInterval.lower...shift.confidenceInterval.upper))
            } catch {
                items.append(Evidence(name: "hodges-lehmann", undefinedReason: error.description))
            }
        }
        return items
    }
}

extension Alternative {
    /// The one-sided alternative in the other direction (two-sided stays two-sided).
    var opposite: Alternative {
        switch self {
        case .less: .greater
        case .greater: .less
        case .twoSided: .twoSided
        }
    }
}
