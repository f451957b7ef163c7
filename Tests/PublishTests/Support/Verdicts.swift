import Gate
import LensCore

/// Verdicts built by hand for the publishing tests.
enum Verdicts {
    /// Names a pull request could give its scenarios to attack logs, reports and comments.
    static let hostileNames = [
        "x::error::forged",
        "evil\n::add-mask::leak\n::stop-commands::abc",
        "100%25 done, a:b",
        "<script>alert(1)</script>",
        "@octocat ping #1 & 'quotes' \"double\"",
        "tab\there\r\nsection_start:1:x\u{1B}[0K",
    ]

    /// A hostile name as a workflow command shows it: a tab as a space, ESC as the visible `\u{1B}`.
    static func shownInLogs(_ name: String) -> String {
        name.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: " ")
            .split(separator: "\u{1B}", omittingEmptySubsequences: false).joined(separator: "\\u{1B}")
    }

    /// One check with a change, so that every report has numbers to show.
    static func check(
        _ scenario: String, outcome: Outcome = .regressed, severity: Severity = .error,
        metric: Metric = .ttftMs, percent: Double = 21.5
    ) -> Check {
        let change = Change(
            percent: percent, interval: (percent - 5)...(percent + 5), confidence: 0.95, pWorse: 0.001,
            adjustedP: 0.002, significant: true, baselineCount: 200, currentCount: 200, detectionLimitPercent: 8)
        return Check(
            scenario: scenario, kind: .comparison, target: MetricStatistic(metric, .quantile(0.95)), method: .mannWhitney,
            baselineValue: 120, currentValue: 120 * (1 + percent / 100), change: change, thresholdPercent: 10,
            outcome: outcome, severity: severity, message: "rose \(percent)% in \(scenario)")
    }

    /// A verdict of the given checks.
    static func verdict(_ checks: [Check], baselineProblem: String? = nil, notices: [String] = []) -> Verdict {
        Verdict(checks: checks, correction: .holm, notices: notices, baselineProblem: baselineProblem)
    }

    /// A failing verdict whose scenarios carry every hostile name.
    static var hostile: Verdict {
        verdict(hostileNames.map { check($0) } + hostileNames.map { check($0, outcome: .passed, metric: .e2eMs, percent: 1) })
    }
}
