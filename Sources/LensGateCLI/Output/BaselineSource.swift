import Foundation
import Gate
import Import
import LensCore

/// Finds the baseline file to compare with and reads it; what it means — a missing baseline
/// (exit 4), a different setup, the other side of an interleaved run — is Gate's to decide
/// (`BaselineInput`, `GateDecision`).
struct BaselineSource {
    var path: String?
    var explicitlyNone: Bool
    var allowFingerprintMismatch = false
    /// The results file this run writes or judges, named in the hint for recording a missing baseline.
    var resultsPath = "results.json"
    /// The SLO another tool's per-request file is judged under (`--slo`, else the config's `slo:`).
    var slo: ServiceLevelObjective?

    /// The path to load, when there is a file to load.
    var existingPath: String? {
        guard !explicitlyNone, let path, InputFile.exists(path) else { return nil }
        return path
    }

    /// Why there is no baseline file to load (nil when there is one, or none was wanted).
    var absence: String? {
        if explicitlyNone { return nil }
        guard let path else { return "no baseline given (pass --baseline FILE, or --no-baseline to judge quality gates only)" }
        return InputFile.exists(path)
            ? nil
            : "baseline \(path) not found (record one with 'lens-gate baseline update --baseline \(path) --from \(resultsPath)')"
    }

    /// Loads the baseline file alone (before a benchmark, to fail early on a broken one).
    func loadBaseline() throws -> Results? {
        guard let path = existingPath else { return nil }
        return try ForeignResults.load(path, role: "baseline", slo: slo).results
    }

    /// What a run is compared with, given the loaded baseline file (nil: none was loaded);
    /// `sameJobWhenUnnamed`: without --baseline, an interleaved A/B run is compared side with side.
    func input(_ baseline: Results?, sameJobWhenUnnamed: Bool = false) -> BaselineInput {
        if let baseline, let path {
            return .stored(baseline, name: path, allowFingerprintMismatch: allowFingerprintMismatch)
        }
        let otherwise: BaselineInput = absence.map { .missing(reason: $0) } ?? .notWanted
        return path == nil && !explicitlyNone && sameJobWhenUnnamed ? .sameJob(otherwise: otherwise) : otherwise
    }

    /// Loads the current results and the baseline together (concurrently: both can be large);
    /// either may be another tool's output (`ForeignResults`), the results in `format` when given.
    func load(with resultsPath: String, format: ForeignFormat? = nil) throws -> (current: ImportedResults, baseline: BaselineInput) {
        guard let baselinePath = existingPath else {
            return (try ForeignResults.load(resultsPath, format: format, slo: slo), input(nil, sameJobWhenUnnamed: true))
        }
        let both = try ForeignResults.load([(resultsPath, "results", format), (baselinePath, "baseline", nil)], slo: slo)
        return (both[0], input(both[1].results))
    }
}
