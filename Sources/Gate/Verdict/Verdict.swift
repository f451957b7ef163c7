import LensCore

/// The gate's answer for a whole run: every check, and what the process should exit with.
public struct Verdict: Sendable, Equatable {
    /// All checks, grouped by scenario in results order.
    public var checks: [Check]
    /// The suite-wide multiple-testing control that was applied.
    public var correction: Correction
    /// Scenarios of the current run that the baseline lacks (their checks are skipped).
    public var scenariosWithoutBaseline: [String]
    /// Scenarios of the baseline that the current run lacks.
    public var scenariosMissingFromRun: [String]
    /// Problems with the inputs as a whole worth stating at the top (incomplete run, fingerprint notes).
    public var notices: [String]
    /// Why there is no usable baseline, when there is none (comparisons are then skipped).
    public var baselineProblem: String?
    /// The shift shared by all checks (a faster or slower job), when enough checks estimate it.
    public var suiteShift: SuiteShift?
    /// How many shards the judged results were merged from (`lens-gate merge`), if they were.
    public var shardCount: Int?

    /// Creates a verdict.
    public init(
        checks: [Check], correction: Correction, scenariosWithoutBaseline: [String] = [],
        scenariosMissingFromRun: [String] = [], notices: [String] = [], baselineProblem: String? = nil
    ) {
        self.baselineProblem = baselineProblem
        self.checks = checks
        self.correction = correction
        self.scenariosWithoutBaseline = scenariosWithoutBaseline
        self.scenariosMissingFromRun = scenariosMissingFromRun
        self.notices = notices
    }

    /// Error-severity checks that failed.
    public var regressions: [Check] { checks.filter { $0.outcome == .regressed && $0.severity == .error } }
    /// Warning-severity checks that failed.
    public var warnings: [Check] { checks.filter { $0.outcome == .regressed && $0.severity == .warning } }
    /// Checks that could not be judged.
    public var unmeasured: [Check] { checks.filter { $0.outcome == .unmeasured } }
    /// Significant improvements.
    public var improvements: [Check] { checks.filter { $0.outcome == .improved } }
    /// Checks skipped for lack of a baseline.
    public var skipped: [Check] { checks.filter { $0.outcome == .skipped } }

    /// Whether the gate passed (warnings allowed).
    public var passed: Bool { !checks.contains(where: \.failsGate) && suiteShift?.failsGate != true }

    /// The process exit status this verdict maps to: a failed rule outranks a missing baseline,
    /// because absolute gates are judged even without one.
    public var exitStatus: ExitStatus {
        if !passed { return .regression }
        return baselineProblem == nil ? .passed : .noBaseline
    }

    /// The most and the least sensitive tested comparisons, by detection limit (nil when none has one).
    public var sensitivity: (best: Check, worst: Check)? {
        let limited = checks.filter { $0.kind == .comparison && $0.change?.detectionLimitPercent != nil }
        guard let best = limited.min(by: { ($0.change?.detectionLimitPercent ?? 0) < ($1.change?.detectionLimitPercent ?? 0) }),
            let worst = limited.max(by: { ($0.change?.detectionLimitPercent ?? 0) < ($1.change?.detectionLimitPercent ?? 0) })
        else { return nil }
        return (best, worst)
    }

    /// The scenario names in the order their checks appear.
    public var scenarioNames: [String] {
        var seen: Set<String> = []
        return checks.map(\.scenario).filter { seen.insert($0).inserted }
    }

    /// The one-line headline: the verdict first, then the counts that matter.
    public var headline: String {
        let total = checks.count
        var parts: [String] = []
        if suiteShift?.failsGate == true { parts.append("every check shifted together") }
        if let shift = suiteShift, shift.isInconclusive {
            parts.append("every check shifted \(Notation.percent(shift.percent)) together (inconclusive)")
        }
        if !regressions.isEmpty { parts.append(count(regressions.count, "regression")) }
        let failedUnmeasured = unmeasured.filter { $0.severity == .error }.count
        if failedUnmeasured > 0 { parts.append("\(failedUnmeasured) could not be judged") }
        // Warning-severity checks that could not be judged: they pass, but the headline must not hide them.
        let inconclusive = unmeasured.count - failedUnmeasured
        if inconclusive > 0 { parts.append("\(inconclusive) inconclusive") }
        if !warnings.isEmpty { parts.append(count(warnings.count, "warning")) }
        if !improvements.isEmpty { parts.append(count(improvements.count, "improvement")) }
        if !skipped.isEmpty { parts.append("\(skipped.count) skipped (no baseline)") }
        let detail = parts.isEmpty ? "no significant change beyond the thresholds" : parts.joined(separator: ", ")
        let scenarios = count(scenarioNames.count, "scenario")
        if passed, let baselineProblem {
            return "lens-gate could not compare: \(baselineProblem) (\(count(total, "check")) in \(scenarios), \(detail))"
        }
        return passed
            ? "lens-gate passed: \(count(total, "check")) in \(scenarios), \(detail)"
            : "lens-gate failed: \(detail) (\(count(total, "check")) in \(scenarios))"
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
