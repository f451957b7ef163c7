import Gate
import LensCore

/// The annotations a verdict becomes in GitHub Actions: failing checks as errors, warnings as
/// warnings (at most 10 of each, GitHub's own limit per step), then one notice pointing to the summary.
public struct Annotations: Sendable {
    /// GitHub shows at most 10 error and 10 warning annotations per step.
    public static let limitPerSeverity = 10

    /// Where the full report can be read (the job summary), if known.
    public var summaryURL: String?

    /// Creates the annotation renderer.
    public init(summaryURL: String?) { self.summaryURL = summaryURL }

    /// The commands to print, errors first.
    public func commands(for verdict: Verdict) -> [WorkflowCommand] {
        let errors = verdict.checks.filter(\.failsGate).map(annotation)
        var warnings =
            verdict.baselineProblem.map {
                [WorkflowCommand("warning", properties: [("title", "lens-gate: no usable baseline")], message: $0)]
            } ?? []
        warnings += verdict.notices.map { WorkflowCommand("warning", properties: [("title", "lens-gate")], message: $0) }
        warnings += verdict.checks.filter {
            !$0.failsGate && $0.severity == .warning && ($0.outcome == .regressed || $0.outcome == .unmeasured)
        }
        .map(annotation)
        var commands = errors.prefix(Annotations.limitPerSeverity).map {
            WorkflowCommand("error", properties: $0.properties, message: $0.message)
        }
        commands += warnings.prefix(Annotations.limitPerSeverity).map {
            WorkflowCommand("warning", properties: $0.properties, message: $0.message)
        }

        var notice = verdict.headline
        let hidden = max(0, errors.count - Annotations.limitPerSeverity) + max(0, warnings.count - Annotations.limitPerSeverity)
        if hidden > 0 { notice += " (\(hidden) more not annotated)" }
        notice += summaryURL.map { ". Full report: \($0)" } ?? ". Full report: the job summary."
        commands.append(WorkflowCommand("notice", properties: [("title", "lens-gate")], message: notice))
        return commands
    }

    private func annotation(_ check: Check) -> WorkflowCommand {
        var message = check.message
        if let change = check.change { message += " (\(Notation.change(change)))" }
        return WorkflowCommand("error", properties: [("title", "lens-gate: \(check.scenario) · \(check.name)")], message: message)
    }
}
