import LensCore

/// Judges quality gates and budgets: absolute conditions on the current run (budgets also bound
/// the drift from the baseline). No significance test is involved: the user named the limit.
enum AbsoluteJudge {
    /// Tail quantiles from few samples are little more than the maximum; say so.
    static func smallSampleNote(_ target: MetricStatistic, count: Int) -> String? {
        guard case .quantile(let q) = target.statistic, q > 0.5 else { return nil }
        let needed = Int((1 / (1 - q)).rounded(.up)) * 5
        return count < needed ? "\(target.statistic) of only \(count) samples is imprecise (≥ \(needed) recommended)" : nil
    }

    static func judge(_ gate: QualityGate, scenario: String, current: ScenarioData) -> Check {
        var check = Check(
            scenario: scenario, kind: .qualityGate, target: gate.target, ruleText: gate.text,
            outcome: .passed, severity: gate.severity, message: "")
        guard let value = StatisticValue.of(gate.target, in: current) else {
            check.outcome = .unmeasured
            check.message = "\(gate.target.metric.name) was not measured in this run"
            return check
        }
        check.currentValue = value
        let shown = Notation.value(value, gate.target.metric)
        let limit = Notation.value(gate.limit, gate.target.metric)
        if gate.comparator.holds(value, gate.limit) {
            check.message = "\(gate.target) is \(shown), within \(gate.comparator.rawValue) \(limit)"
        } else {
            check.outcome = .regressed
            check.message = "\(gate.target) is \(shown), breaking \(gate.comparator.rawValue) \(limit)"
        }
        if let note = smallSampleNote(gate.target, count: current.count(gate.target.metric)) { check.notes.append(note) }
        return check
    }

    static func judge(_ budget: Budget, scenario: String, current: ScenarioData, baseline: ScenarioData?) -> Check {
        let metric = budget.target.metric
        var check = Check(
            scenario: scenario, kind: .budget, target: budget.target,
            thresholdPercent: budget.allowedVariancePercent, outcome: .passed,
            severity: budget.severity, message: "")
        guard let value = StatisticValue.of(budget.target, in: current) else {
            check.outcome = .unmeasured
            check.message = "\(metric.name) was not measured in this run"
            return check
        }
        check.currentValue = value
        let worseSign = metric.direction.worseSign
        var broken: [String] = []
        let overBudget = worseSign > 0 ? value > budget.budget : value < budget.budget
        let side = worseSign > 0 ? "over" : "under"
        if overBudget {
            broken.append("\(Notation.value(value, metric)) is \(side) the budget of \(Notation.value(budget.budget, metric))")
        }
        if let base = baseline.flatMap({ StatisticValue.of(budget.target, in: $0) }) {
            check.baselineValue = base
            if base != 0 {
                let percent = (value / base - 1) * 100
                check.change = Change(
                    percent: percent, confidence: 0, significant: true,
                    baselineCount: baseline?.count(metric) ?? 0, currentCount: current.count(metric))
                if let allowed = budget.allowedVariancePercent, percent * worseSign > allowed {
                    broken.append(
                        "it moved \(Notation.percent(percent)) from the baseline, more than the allowed \(Notation.percent(allowed * worseSign))"
                    )
                }
            }
        } else if budget.allowedVariancePercent != nil {
            check.notes.append("no baseline value: only the absolute budget was checked")
        }
        if broken.isEmpty {
            check.message = "\(Notation.value(value, metric)) is within the budget of \(Notation.value(budget.budget, metric))"
        } else {
            check.outcome = .regressed
            check.message = broken.joined(separator: "; ")
        }
        if let note = smallSampleNote(budget.target, count: current.count(metric)) { check.notes.append(note) }
        return check
    }
}
