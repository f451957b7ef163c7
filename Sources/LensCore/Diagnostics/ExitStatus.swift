/// The process exit codes of lens-gate: one table, mapped from errors in exactly one place (the CLI).
///
/// These numbers are a contract (DESIGN.md): CI scripts branch on them.
public enum ExitStatus: Int32, Sendable, Codable, CaseIterable {
    /// The gate passed (warnings allowed).
    case passed = 0
    /// At least one error-severity rule failed: a regression.
    case regression = 1
    /// Usage or input error: bad flag, bad config, unreadable or invalid results or baseline.
    case inputError = 2
    /// The benchmark could not run: endpoint unreachable, too many failed requests to judge, every request of a scenario failed.
    case benchmarkFailed = 3
    /// No usable baseline: missing, or taken under a different workload or config fingerprint.
    case noBaseline = 4

    /// A short name for logs and the JSON verdict.
    public var name: String {
        switch self {
        case .passed: "passed"
        case .regression: "regression"
        case .inputError: "input_error"
        case .benchmarkFailed: "benchmark_failed"
        case .noBaseline: "no_baseline"
        }
    }
}

/// An error that knows how lens-gate should exit because of it and how to say why in one line.
public protocol DiagnosedError: Error, CustomStringConvertible {
    /// The exit status this error leads to.
    var exitStatus: ExitStatus { get }
}
