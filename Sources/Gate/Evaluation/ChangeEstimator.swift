import LensCore
import Stats

/// Estimates one comparison: the relative change of the rule's statistic with its interval, the
/// p-values of the rule's method in both directions, and supporting evidence. All Stats calls
/// of the gate go through here.
struct ChangeEstimator {
    /// Confidence level of intervals.
    let confidence: Double
    /// Bootstrap resamples.
    let resamples: Int
    /// Bootstrap seed (results are reproducible run to run).
    let seed: UInt64

    /// Above this many sample pairs the Hodges–Lehmann shift is left out of the evidence: it is an
    /// extra effect size, and 10¹⁰ pairs already take the selection algorithm a noticeable time.
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
            if case .quantile = rule.target.statistic {
                break  // decided by the quantile bootstrap above
            }
            estimate.notes.append("bootstrap applies to quantiles; Welch's t-test used for \(rule.target.statistic)")
            applyWelch(x: x, y: y, worse: worse, to: &estimate)
        case .threshold, .auto:
            break
        case .fisher:
            estimate.undefinedReason = "Fisher's exact test applies to error_rate only"
        }
        estimate.evidence = evidence(x: x, y: y, worse: worse, method: rule.method)
        return estimate
    }

    // MARK: - Deciding tests

    private func applyWelch(x: [Double], y: [Double], worse: Alternative, to estimate: inout Estimate) {
        do {
            let worseTest = try WelchTTest.test(y, x, alternative: worse, confidence: confidence)
            let betterTest = try WelchTTest.test(y, x, alternative: worse.opposite, confidence: confidence)
            let twoSided = try WelchTTest.test(y, x, alternative: .twoSided, confidence: confidence)
            estimate.pWorse = worseTest.pValue
            estimate.pBetter = betterTest.pValue
            estimate.pTwoSided = twoSided.pValue
            if let base = try? Descriptive.mean(x), base != 0 {
                estimate.standardErrorPercent = twoSided.standardError / abs(base) * 100
                estimate.degreesOfFreedom = twoSided.degreesOfFreedom
            }
        } catch {
            estimate.undefinedReason = error.description
        }
    }

    private func applyLogWelch(x: [Double], y: [Double], worse: Alternative, to estimate: inout Estimate, decides: Bool) {
        do {
            let twoSided = try WelchTTest.testOnLogs(y, x, alternative: .twoSided, confidence: confidence)
            if estimate.interval == nil || !decides {
                let ratio = twoSided.ratioInterval
                estimate.interval = (ratio.lower - 1) * 100...(ratio.upper - 1) * 100
            }
            guard decides else { return }
            estimate.pWorse = try WelchTTest.testOnLogs(y, x, alternative: worse, confidence: confidence).pValue
            estimate.pBetter = try WelchTTest.testOnLogs(y, x, alternative: worse.opposite, confidence: confidence).pValue
            estimate.pTwoSided = twoSided.pValue
            estimate.standardErrorPercent = twoSided.standardError * 100
            estimate.degreesOfFreedom = twoSided.degreesOfFreedom
        } catch {
            if decides { estimate.undefinedReason = error.description }
        }
    }

    private func applyMannWhitney(x: [Double], y: [Double], worse: Alternative, to estimate: inout Estimate) {
        do {
            estimate.pWorse = try MannWhitneyU.test(y, x, alternative: worse).pValue
            estimate.pBetter = try MannWhitneyU.test(y, x, alternative: worse.opposite).pValue
            estimate.pTwoSided = try MannWhitneyU.test(y, x, alternative: .twoSided).pValue
            if let reason = MannWhitneyU.insufficientSamples(y.count, x.count, alpha: 0.05) {
                estimate.notes.append(reason)
            }
        } catch {
            estimate.undefinedReason = error.description
        }
    }

    private func applyQuantileBootstrap(
        _ q: Double, x: [Double], y: [Double], worse: Alternative, to estimate: inout Estimate, decides: Bool
    ) {
        do {
            let bootstrap = try QuantileBootstrap.relativeChange(
                baselineSorted: x, currentSorted: y, quantile: q, confidence: confidence, resamples: resamples, seed: seed)
            estimate.interval = bootstrap.interval.lower * 100...bootstrap.interval.upper * 100
            // The percentile interval's half-width over z(1 − (1 − c)/2) approximates the standard error.
            if let z = try? Normal.quantile(1 - (1 - confidence) / 2), z > 0 {
                estimate.standardErrorPercent = (bootstrap.interval.upper - bootstrap.interval.lower) * 100 / (2 * z)
            }
            guard decides else { return }
            estimate.pWorse = worse == .greater ? bootstrap.pGreater : bootstrap.pLess
            estimate.pBetter = worse == .greater ? bootstrap.pLess : bootstrap.pGreater
            estimate.pTwoSided = min(1, 2 * min(bootstrap.pGreater, bootstrap.pLess))
        } catch {
            if decides { estimate.undefinedReason = error.description }
        }
    }

    private func applyMeanInterval(x: [Double], y: [Double], to estimate: inout Estimate) {
        if let change = try? RelativeMeanChange.fieller(baseline: x, current: y, confidence: confidence) {
            estimate.interval = change.interval.lower * 100...change.interval.upper * 100
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
            // Rows: current, baseline; columns: failed, succeeded. "Worse" = more failures now.
            let table = (current.failed: c.failed, current.succeeded: c.succeeded, baseline.failed: b.failed, baseline.succeeded: b.succeeded)
            estimate.pWorse = try FisherExact.test(table.0, table.1, table.2, table.3, alternative: .greater).pValue
            estimate.pBetter = try FisherExact.test(table.0, table.1, table.2, table.3, alternative: .less).pValue
            estimate.pTwoSided = try FisherExact.test(table.0, table.1, table.2, table.3, alternative: .twoSided).pValue
        } catch {
            estimate.undefinedReason = error.description
        }
        return estimate
    }

    // MARK: - Evidence

    /// Welch on raw and log values, Mann–Whitney and the Hodges–Lehmann shift, next to the deciding test.
    private func evidence(x: [Double], y: [Double], worse: Alternative, method: ComparisonMethod) -> [Evidence] {
        var items: [Evidence] = []
        do {
            let worseTest = try WelchTTest.test(y, x, alternative: worse, confidence: confidence)
            let twoSided = try WelchTTest.test(y, x, alternative: .twoSided, confidence: confidence)
            items.append(Evidence(name: "welch", statistic: twoSided.t,
                                  interval: twoSided.confidenceInterval.lower...twoSided.confidenceInterval.upper,
                                  pWorse: worseTest.pValue, pTwoSided: twoSided.pValue))
        } catch {
            items.append(Evidence(name: "welch", undefinedReason: error.description))
        }
        do {
            let worseTest = try WelchTTest.testOnLogs(y, x, alternative: worse, confidence: confidence)
            let twoSided = try WelchTTest.testOnLogs(y, x, alternative: .twoSided, confidence: confidence)
            items.append(Evidence(name: "welch-log", statistic: twoSided.ratio,
                                  interval: twoSided.ratioInterval.lower...twoSided.ratioInterval.upper,
                                  pWorse: worseTest.pValue, pTwoSided: twoSided.pValue))
        } catch {
            items.append(Evidence(name: "welch-log", undefinedReason: error.description))
        }
        do {
            let worseTest = try MannWhitneyU.test(y, x, alternative: worse)
            let twoSided = try MannWhitneyU.test(y, x, alternative: .twoSided)
            items.append(Evidence(name: "mann-whitney", statistic: twoSided.u, pWorse: worseTest.pValue, pTwoSided: twoSided.pValue))
        } catch {
            items.append(Evidence(name: "mann-whitney", undefinedReason: error.description))
        }
        if Double(x.count) * Double(y.count) <= ChangeEstimator.hodgesLehmannPairLimit {
            do {
                let shift = try HodgesLehmann.shift(baselineSorted: x, currentSorted: y, confidence: confidence)
                items.append(Evidence(name: "hodges-lehmann", statistic: shift.estimate,
                                      interval: shift.interval.lower...shift.interval.upper))
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
