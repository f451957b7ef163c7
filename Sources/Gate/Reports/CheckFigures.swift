/// The value, change, p and detection-limit columns of one check, worded the same in the
/// Markdown summary and the terminal table.
struct CheckFigures {
    var baseline = "–"
    var current = "–"
    var change = "–"
    var p = "–"
    var detects = "–"

    /// The figures of `check`; `message` words a not-judged check's reason for the destination.
    init(_ check: Check, message: (String) -> String) {
        let metric = check.target.metric
        baseline = check.baselineValue.map { Notation.value($0, metric) } ?? "–"
        current = check.currentValue.map { Notation.value($0, metric) } ?? "–"
        if let delta = check.change {
            var text = delta.percent.map(Notation.percent) ?? "n/a"
            if let interval = delta.interval { text += " " + Notation.interval(interval) }
            if let shift = delta.afterSharedShiftPercent { text += " " + Notation.afterSharedShift(shift) }
            change = delta.significant || check.kind != .comparison ? text : "~ " + text
            if let value = delta.adjustedP ?? delta.pWorse {
                p = String(Notation.pValue(value).dropFirst()).replacingOccurrences(of: "=", with: "")
            }
            if let limit = delta.detectionLimitPercent { detects = Notation.percent(limit).replacingOccurrences(of: "+", with: "") }
        } else if check.kind != .qualityGate, check.outcome == .unmeasured || check.outcome == .skipped {
            change = message(check.message)
        }
    }
}
