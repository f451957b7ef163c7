import Foundation
import Gate
import LensCore

/// The step outputs of a gating command, in the `$GITHUB_OUTPUT` file format.
///
/// Every value uses the multiline form `name<<DELIMITER` … `DELIMITER` with a fresh random
/// delimiter, so that no value (scenario names come from the pull request) can end it early and
/// set outputs of its own.
public struct StepOutputs: Sendable, Equatable {
    /// Output names and values, in order.
    public var values: [(name: String, value: String)]

    /// Creates outputs from name/value pairs.
    public init(_ values: [(name: String, value: String)]) { self.values = values }

    /// The outputs of a verdict: `verdict`, `exit-code`, `regressions`, `warnings`, `checks`,
    /// `headline`, `failed-checks` (one per line) and the paths of the reports that were written.
    public init(verdict: Verdict, reports: ReportPaths, summaryURL: String?) {
        var values: [(String, String)] = [
            ("verdict", verdict.passed ? (verdict.baselineProblem == nil ? "passed" : "no-baseline") : "failed"),
            ("exit-code", String(verdict.exitStatus.rawValue)),
            ("regressions", String(verdict.regressions.count)),
            ("warnings", String(verdict.warnings.count)),
            ("checks", String(verdict.checks.count)),
            ("headline", verdict.headline),
            (
                "failed-checks",
                verdict.checks.filter(\.failsGate).map { "\($0.scenario) · \($0.name): \($0.message)" }
                    .joined(separator: "\n")
            ),
        ]
        for (name, path) in [
            ("junit", reports.junit), ("markdown", reports.markdown), ("json", reports.json),
            ("openmetrics", reports.openMetrics),
        ] {
            if let path { values.append(("\(name)-report", path)) }
        }
        if let summaryURL { values.append(("summary-url", summaryURL)) }
        self.values = values
    }

    /// The file text, with `delimiter()` called until it yields a delimiter no value contains.
    public func fileText(delimiter: () -> String = StepOutputs.randomDelimiter) -> String {
        var text = ""
        for (name, value) in values {
            var mark = delimiter()
            while value.contains(mark) || name.contains(mark) { mark = delimiter() }
            text += "\(name)<<\(mark)\n\(value)\n\(mark)\n"
        }
        return text
    }

    /// `ghadelimiter_` and a random UUID, as `@actions/core` does.
    public static func randomDelimiter() -> String { "ghadelimiter_" + UUID().uuidString }

    /// Appends the outputs to the file named by `$GITHUB_OUTPUT`.
    public func append(to path: String) throws(PublishError) {
        try OutputFile.append(fileText(), to: path, role: "GitHub step outputs ($GITHUB_OUTPUT)")
    }

    /// Equal names and values in the same order.
    public static func == (lhs: StepOutputs, rhs: StepOutputs) -> Bool {
        lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
    }
}
