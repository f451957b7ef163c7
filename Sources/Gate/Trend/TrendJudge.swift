import LensCore

/// Judges trend rules: the statistic's history plus the current run, Theil–Sen slope against the
/// limit and Mann–Kendall for significance.
enum TrendJudge {
    static func judge(
        _ rule: TrendRule, scenario: String, current: ScenarioData, history: [HistoryEntry], alpha: Double
    ) -> Check {
        var series = HistoryEntry.series(history, scenario: scenario, target: rule.target)
        if let now = StatisticValue.of(rule.target, in: current) { series.append(now) }
        series = Array(series.suffix(rule.window))
        let trend = Trend(scenario: scenario, target: rule.target, values: series)
        var check = Check(
            scenario: scenario, kind: .trend, target: rule.target,
            ruleText: "slope ≤ \(Notation.threshold(rule.maxSlopePercent))/run over \(rule.window) runs",
            currentValue: series.last, thresholdPercent: rule.maxSlopePercent, outcome: .passed,
            severity: rule.severity, message: "")
        check.series = series
        guard let worsening = trend.worseningPercentPerRun, trend.undefinedReason == nil else {
            check.outcome = .skipped
            check.message = "no trend yet: \(trend.undefinedReason ?? "not enough history")"
            return check
        }
        let pValue = trend.mannKendallPWorse
        check.change = Change(
            percent: trend.slopePercentPerRun, interval: trend.slopeInterval, confidence: 0.95,
            pWorse: pValue, significant: (pValue ?? 1) < alpha,
            baselineCount: max(series.count - 1, 0), currentCount: 1)
        let slope = "\(Notation.percent(trend.slopePercentPerRun ?? 0))/run over \(series.count) runs"
        if worsening > rule.maxSlopePercent, (pValue ?? 1) < alpha {
            check.outcome = .regressed
            check.message =
                "creeping: \(slope), beyond \(Notation.threshold(rule.maxSlopePercent))/run (Mann–Kendall \(Notation.pValue(pValue ?? 1)))"
        } else {
            check.message =
                "slope \(slope), within \(Notation.threshold(rule.maxSlopePercent))/run"
                + ((pValue ?? 1) < alpha ? "" : " (no significant monotonic trend)")
        }
        return check
    }
}
