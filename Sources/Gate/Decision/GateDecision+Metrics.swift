import LensCore

/// Why the metrics a run, its baseline and the gate config name do not fit together.
public enum MetricReferenceError: Error, Sendable {
    /// The run and its baseline declare one metric differently (an error of the run's results).
    case conflictingDeclarations(FieldError)
    /// A rule names a metric that is neither built in nor declared, or names it with the wrong
    /// granularity (an error of the config file).
    case config(FieldError)
}

extension GateDecision {
    /// This decision with the rules that name metrics of the results' own resolved against what
    /// `run` and its stored baseline declare (units, directions and granularities checked).
    public func resolvingMetrics(of run: Results) throws(MetricReferenceError) -> GateDecision {
        var catalog = run.metrics
        if let baseline = baseline.storedResults {
            switch catalog.merged(with: baseline.metrics) {
            case .success(let merged): catalog = merged
            case .failure(let conflict):
                throw .conflictingDeclarations(
                    FieldError(FieldPath.root.appending("metrics").appending(conflict.existing.name), "\(conflict.reason) (the baseline)"))
            }
        }
        var resolved = self
        do {
            resolved.config = try config.resolvingMetrics(in: catalog)
        } catch {
            throw .config(error)
        }
        return resolved
    }
}

extension BaselineInput {
    /// The stored baseline results this input compares with, if any.
    var storedResults: Results? {
        switch self {
        case .stored(let results, _, _): results
        case .sameJob(let otherwise): otherwise?.storedResults
        case .notWanted, .missing: nil
        }
    }
}
