import LensCore
import Stats

/// Judges comparisons with the baseline: estimate each change, correct the p-values across the
/// whole run, then decide (worse than the threshold **and** significant ⇒ regression).
struct ComparisonJudge {
    let config: GateConfig
    /// Bootstrap resamples for this run (grows with the number of checks; see `GateConfig.resamples`).
    var resamples: Int = 2000

    /// Power used for detection limits: 80% is the conventional design power (Cohen 1988).
    static let detectionPower = 0.8

    /// Estimates one comparison, or decides it at once when one side has no data.
    func prepare(
        _ rule: RulePlan.Comparison, scenario: String, current: ScenarioData, baseline: ScenarioData?, baselineExists: Bool,
        analysis: MetricAnalysis?
    ) -> PendingCheck {
        let metric = rule.target.metric
        var check = Check(
            scenario: scenario, kind: .comparison, target: rule.target, method: rule.method,
            thresholdPercent: rule.thresholdPercent, outcome: .skipped, severity: rule.severity, message: "")
        guard let baseline, baseline.has(metric) else {
            check.outcome = .skipped
            check.message =
                !baselineExists
                ? "no baseline to compare with"
                : baseline == nil ? "no baseline for this scenario" : "no baseline for \(metric.name)"
            check.currentValue = StatisticValue.of(rule.target, in: current)
            return .final(check)
        }
        check.baselineValue = StatisticValue.of(rule.target, in: baseline)
        guard current.has(metric) else {
            check.outcome = .unmeasured
            check.severity = rule.isDefault ? .warning : rule.severity
            check.message = "\(metric.name) was not measured in this run (the baseline has it)"
            return .final(check)
        }
        let currentValue = StatisticValue.of(rule.target, in: current)
        check.currentValue = currentValue
        // A statistic that cannot be computed on a side (a geometric mean over a zero) leaves no
        // change to judge: say so instead of passing.
        for (side, data, value) in [("baseline", baseline, check.baselineValue), ("current", current, currentValue)] where value == nil {
            check.outcome = .unmeasured
            check.severity = rule.isDefault ? .warning : rule.severity
            let reason = StatisticValue.undefinedReason(rule.target, in: data) ?? "it is undefined for these values"
            check.message = "\(rule.target) cannot be computed on the \(side) side: \(reason)"
            return .final(check)
        }
        // Gaps of one request are not independent samples: without knowing each gap's request,
        // a test would count every gap as a replicate and cry wolf.
        if metric.isClusteredByRequest, rule.method != .threshold,
            let side = [("baseline", baseline), ("current", current)].first(where: { $0.1.clustered[metric] == nil })?.0
        {
            check.outcome = .unmeasured
            check.severity = rule.isDefault ? .warning : rule.severity
            check.message =
                "\(metric.name) on the \(side) side has no request labels (sample_requests): gaps of one request "
                + "are not independent samples, so the change cannot be tested; record the \(side) again with this lens-gate"
            return .final(check)
        }
        var rule = rule
        var blocked: BlockedSamples?
        if rule.method == .mannWhitney || rule.method == .mannWhitneyBlocked {
            blocked = BlockedSamples(current: current, baseline: baseline, metric: metric)
            if rule.method == .mannWhitney, blocked != nil { rule.method = .mannWhitneyBlocked }
        }
        let estimate = ChangeEstimator(
            confidence: config.confidence, resamples: resamples, seed: config.seed,
            intervalResamples: config.bootstrapResamples
        )
        .estimate(
            rule, current: current, baseline: baseline, analysis: analysis,
            values: (check.baselineValue, currentValue), blocked: blocked)
        return .comparison(
            EstimatedComparison(
                rule: rule, scenario: scenario, baselineValue: check.baselineValue, currentValue: currentValue, estimate: estimate,
                counts: SampleCounts(baseline: baseline.count(metric), current: current.count(metric))))
    }

    /// Applies the suite-wide correction and decides every pending comparison; `extraWorse` are
    /// further worse-direction p-values of the same family (the suite shift), returned adjusted.
    func decide(_ pending: [PendingCheck], extraWorse: [Double] = []) -> (checks: [Check], adjustedExtra: [Double]) {
        // Families: the worse-direction p-values (regressions) and, symmetrically, the better-direction ones.
        var worse: [Double] = []
        var better: [Double] = []
        for item in pending {
            if let estimate = item.estimated?.estimate, let pWorse = estimate.pWorse, let pBetter = estimate.pBetter {
                worse.append(pWorse)
                better.append(pBetter)
            }
        }
        let adjustedFamily = adjust(worse + extraWorse)
        let adjustedWorse = Array(adjustedFamily.prefix(worse.count))
        let adjustedBetter = adjust(better)
        let tested = worse.count + extraWorse.count
        var index = 0
        let checks = pending.map { item -> Check in
            switch item {
            case .final(let check):
                return check
            case .comparison(let comparison):
                var adjusted: (worse: Double, better: Double)?
                if comparison.estimate.pWorse != nil, comparison.estimate.pBetter != nil {
                    adjusted = (adjustedWorse[index], adjustedBetter[index])
                    index += 1
                }
                return decide(comparison, adjusted: adjusted, tested: tested)
            }
        }
        return (checks, Array(adjustedFamily.dropFirst(worse.count)))
    }

    private func adjust(_ pValues: [Double]) -> [Double] {
        // p-values from Stats are always in [0, 1], so the adjustment cannot be undefined.
        switch config.correction {
        case .holm: (try? holmAdjusted(pValues)) ?? pValues
        case .bh: (try? benjaminiHochbergAdjusted(pValues)) ?? pValues
        case .none: pValues
        }
    }

    private func decide(_ comparison: EstimatedComparison, adjusted: (worse: Double, better: Double)?, tested: Int) -> Check {
        let (rule, estimate, counts) = (comparison.rule, comparison.estimate, comparison.counts)
        let (baseline, current) = (comparison.baselineValue, comparison.currentValue)
        let metric = rule.target.metric
        let worseSign = metric.direction.worseSign
        let detectionAlpha = config.correction == .none ? rule.alpha : rule.alpha / Double(max(tested, 1))
        var change = Change(
            percent: estimate.percent, interval: estimate.interval, confidence: config.confidence,
            pWorse: estimate.pWorse, pBetter: estimate.pBetter, pTwoSided: estimate.pTwoSided,
            adjustedP: adjusted?.worse, adjustedFamily: adjusted == nil ? nil : .worse, significant: false,
            baselineCount: counts.baseline, currentCount: counts.current,
            detectionLimitPercent: detectionLimit(estimate, alpha: detectionAlpha), evidence: estimate.evidence)
        change.afterSharedShiftPercent = estimate.afterSharedShiftPercent
        var check = Check(
            scenario: comparison.scenario, kind: .comparison, target: rule.target, method: rule.method,
            baselineValue: baseline, currentValue: current, thresholdPercent: rule.thresholdPercent,
            outcome: .passed, severity: rule.severity, message: "", notes: estimate.notes)

        // How far the change goes in the worse direction; a zero baseline that grew is infinitely worse.
        let worseAmount: Double
        if let percent = estimate.percent {
            worseAmount = percent * worseSign
        } else if let baseline, let current, baseline == 0 {
            worseAmount = current == 0 ? 0 : (worseSign > 0 ? .infinity : -.infinity)
        } else {
            // No change to compare with the threshold: the check cannot be judged, and says so.
            change.adjustedP = nil
            change.adjustedFamily = nil
            check.change = change
            check.outcome = .unmeasured
            check.severity = rule.isDefault ? .warning : rule.severity
            check.message = "the change of \(rule.target) cannot be computed: \(estimate.undefinedReason ?? "a side has no value")"
            return check
        }
        let beyondWorse = worseAmount > rule.thresholdPercent
        let beyondBetter = -worseAmount > rule.thresholdPercent
        let threshold = Notation.threshold(rule.thresholdPercent)
        let size = describe(estimate, baseline: baseline, current: current, metric: metric)

        if rule.method == .threshold {
            change.significant = beyondWorse || beyondBetter
            change.adjustedP = nil
            change.adjustedFamily = nil
            check.change = change
            if beyondWorse {
                check.outcome = .regressed
                check.message = "\(size), beyond the \(threshold) threshold (threshold only: one value per run, no significance test)"
            } else if beyondBetter {
                check.outcome = .improved
                check.message = "\(size), an improvement beyond the \(threshold) threshold (threshold only)"
            } else {
                check.message = "\(size), within the \(threshold) threshold (threshold only)"
            }
            return check
        }

        guard let adjusted else {
            check.change = change
            let reason = estimate.undefinedReason ?? "the test could not be computed"
            if beyondWorse {
                check.outcome = .unmeasured
                check.severity = rule.isDefault ? .warning : rule.severity
                check.message = "\(size), beyond the \(threshold) threshold, but significance cannot be judged: \(reason)"
            } else {
                check.message = "\(size), not beyond the \(threshold) threshold (significance not testable: \(reason))"
            }
            return check
        }
        let significantWorse = adjusted.worse < rule.alpha
        let significantBetter = adjusted.better < rule.alpha
        let correctionName = config.correction == .none ? "" : " after \(config.correction == .holm ? "Holm" : "BH") correction"
        if beyondWorse && significantWorse {
            change.significant = true
            check.outcome = .regressed
            check.message =
                "\(size), beyond the \(threshold) threshold and significant (\(Notation.pValue(adjusted.worse))\(correctionName))"
        } else if beyondBetter && significantBetter {
            change.adjustedP = adjusted.better
            change.adjustedFamily = .better
            change.significant = true
            check.outcome = .improved
            check.message =
                "\(size), an improvement beyond the \(threshold) threshold (\(Notation.pValue(adjusted.better))\(correctionName))"
        } else if beyondWorse {
            check.message =
                "\(size): beyond the \(threshold) threshold but not significant (\(Notation.pValue(adjusted.worse))\(correctionName))"
        } else {
            change.significant = significantWorse || significantBetter
            if significantBetter {
                change.adjustedP = adjusted.better
                change.adjustedFamily = .better
            }
            let evidence = change.significant ? "significant but small" : "not significant"
            check.message = "\(size), within the \(threshold) threshold (\(evidence))"
        }
        if let limit = change.detectionLimitPercent, limit > rule.thresholdPercent, check.outcome == .passed {
            check.notes.append(
                "this run could only detect changes ≥ \(Notation.percent(limit).dropFirst()), more than the \(threshold) threshold: more samples would help"
            )
        }
        check.change = change
        return check
    }

    /// "rose 18.1% [+12.0, +24.9] from 120.5 ms to 142.3 ms".
    private func describe(_ estimate: Estimate, baseline: Double?, current: Double?, metric: Metric) -> String {
        var text: String
        if estimate.percent == 0, let baseline, baseline == current {
            return "unchanged at \(Notation.value(baseline, metric))"
        }
        if let percent = estimate.percent {
            text = percent >= 0 ? "rose \(Notation.percent(percent).dropFirst())" : "fell \(Notation.percent(percent).dropFirst())"
            if let interval = estimate.interval { text += " \(Notation.interval(interval))" }
            if let shift = estimate.afterSharedShiftPercent { text += " \(Notation.afterSharedShift(shift))" }
        } else {
            text = "changed"
        }
        if let baseline, let current {
            text += " from \(Notation.value(baseline, metric)) to \(Notation.value(current, metric))"
        }
        return text
    }

    /// The smallest worse-direction change detectable with 80% power at `alpha`:
    /// (q(1 − α) + q(power)) × SE, with Student t quantiles when degrees of freedom are known.
    private func detectionLimit(_ estimate: Estimate, alpha: Double) -> Double? {
        guard let standardError = estimate.standardErrorPercent, standardError.isFinite else { return nil }
        if let degreesOfFreedom = estimate.degreesOfFreedom {
            return try? minimumDetectableDifference(
                standardError: standardError, degreesOfFreedom: degreesOfFreedom, alpha: alpha,
                power: ComparisonJudge.detectionPower, alternative: .greater)
        }
        // Normal approximation when the standard error comes from the bootstrap.
        guard let upper = try? Normal.inverseSurvival(alpha),
            let powerQuantile = try? Normal.quantile(ComparisonJudge.detectionPower)
        else { return nil }
        return (upper + powerQuantile) * standardError
    }
}
