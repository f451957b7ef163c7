import LensCore

/// The verdict as OpenMetrics text: per-check gauges and run totals, for GitLab's metrics report
/// (`artifacts:reports:metrics`) and any Prometheus-compatible scraper.
///
/// Label values come from the results file (scenario names are set by the pull request), so they
/// are escaped as the OpenMetrics text format requires (`\\`, `\"`, `\n`). GitLab reads each line
/// as shell words after cutting it at the first `#`, even inside quotes, so a `#` in a label value
/// is written as `＃` (U+FF03). Non-finite values are left out; the text ends with `# EOF`.
public struct OpenMetricsReport: Sendable {
    /// The verdict to render.
    public var verdict: Verdict

    /// Creates the report.
    public init(_ verdict: Verdict) { self.verdict = verdict }

    /// The OpenMetrics text.
    public var text: String {
        var labelled: [(check: Check, labels: String)] = []
        var used: [String: Int] = [:]
        for check in verdict.checks {
            // Two checks may share a scenario and name (the JUnit report numbers them the same way).
            let key = check.scenario + "\u{0}" + check.name
            let seen = used[key, default: 0]
            used[key] = seen + 1
            let name = seen == 0 ? check.name : "\(check.name) (\(seen + 1))"
            let labels =
                "scenario=\"\(Self.escape(check.scenario))\",check=\"\(Self.escape(name))\","
                + "metric=\"\(check.target.metric.name)\",unit=\"\(Self.escape(check.target.metric.unit.rawValue))\""
            labelled.append((check, labels))
        }
        var text = ""
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: Double?)]) {
            let present = samples.compactMap { sample in sample.value.flatMap { $0.isFinite ? (sample.labels, $0) : nil } }
            guard !present.isEmpty else { return }
            text += "# TYPE \(name) gauge\n# HELP \(name) \(help)\n"
            for (labels, value) in present {
                text += labels.isEmpty ? "\(name) \(Self.number(value))\n" : "\(name){\(labels)} \(Self.number(value))\n"
            }
        }
        family(
            "lens_gate_change_percent", "Relative change of the statistic from baseline to current, in percent.",
            labelled.map { ($0.labels, $0.check.change?.percent) })
        family(
            "lens_gate_current_value", "The statistic in the current run, in the metric's unit.",
            labelled.map { ($0.labels, $0.check.currentValue) })
        family(
            "lens_gate_baseline_value", "The statistic in the baseline, in the metric's unit.",
            labelled.map { ($0.labels, $0.check.baselineValue) })
        family(
            "lens_gate_check_failed", "1 when the check fails the gate, else 0.",
            labelled.map { ($0.labels, $0.check.failsGate ? 1 : 0) })
        family("lens_gate_regressions", "Error-severity checks that failed.", [("", Double(verdict.regressions.count))])
        family("lens_gate_warnings", "Warning-severity checks that failed.", [("", Double(verdict.warnings.count))])
        family("lens_gate_checks", "Checks judged in this run.", [("", Double(verdict.checks.count))])
        family("lens_gate_passed", "1 when the gate passed, else 0.", [("", verdict.passed ? 1 : 0)])
        family("lens_gate_exit_code", "The exit code of the gating command.", [("", Double(verdict.exitStatus.rawValue))])
        return text + "# EOF\n"
    }

    /// Escapes a label value: backslash, double quote and line feed; `#` becomes `＃`, other control characters spaces.
    public static func escape(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "#": result += "\u{FF03}"
            // Other control characters are legal but would trip line-based readers (a lone `\r`).
            case _ where scalar.properties.generalCategory == .control: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A number in the shortest form that reads back the same; whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
