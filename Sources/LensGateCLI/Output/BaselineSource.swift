import Foundation
import Gate
import LensCore

/// Finds the baseline to compare with, telling a missing baseline (exit 4) from a broken one (exit 2),
/// and refusing one measured under a different fingerprint unless told otherwise.
struct BaselineSource {
    var path: String?
    var explicitlyNone: Bool
    var allowFingerprintMismatch = false

    /// The loaded baseline, or why there is none.
    struct Loaded {
        var results: Results?
        var problem: String?
        /// Whether the baseline is the other side of an interleaved A/B run in the same results file.
        var sameJob = false
        var notices: [String] = []
    }

    /// The path to load, when there is a file to load.
    var existingPath: String? {
        guard !explicitlyNone, let path, InputFile.exists(path) else { return nil }
        return path
    }

    /// Why there is no baseline file to load (nil when there is one, or none was wanted).
    var absence: String? {
        if explicitlyNone { return nil }
        guard let path else { return "no baseline given (pass --baseline FILE, or --no-baseline to judge quality gates only)" }
        return InputFile.exists(path) ? nil
            : "baseline \(path) not found (record one with 'lens-gate baseline update --baseline \(path) --from results.json')"
    }

    /// Loads the baseline file alone (before a benchmark, to fail early on a broken one).
    func loadBaseline() throws -> Results? {
        guard let path = existingPath else { return nil }
        return try ResultsFile.load(path, role: "baseline")
    }

    /// Loads the current results and the baseline together (concurrently: both can be large).
    func load(with resultsPath: String) throws -> (current: Results, baseline: Loaded) {
        guard let baselinePath = existingPath else {
            let results = try ResultsFile.load(resultsPath)
            // Without --baseline, an interleaved A/B file is compared with itself, side with side.
            if path == nil, !explicitlyNone, let sides = try Self.sameJob(results, file: resultsPath) { return (sides.current, sides.baseline) }
            return (results, Loaded(results: nil, problem: absence))
        }
        let both = try ResultsFile.load([(resultsPath, "results"), (baselinePath, "baseline")])
        return try compare(both[0], file: resultsPath, with: both[1])
    }

    /// Checks a loaded baseline's fingerprint against the current run.
    func judge(_ baseline: Results?, against current: Results) -> Loaded {
        guard let baseline else { return Loaded(results: nil, problem: absence) }
        let mismatches = mismatches(baseline, current: BaselineFingerprint(of: current))
        guard !mismatches.isEmpty else { return Loaded(results: baseline) }
        let list = mismatches.map(\.description).joined(separator: "; ")
        if allowFingerprintMismatch {
            return Loaded(results: baseline, notices: ["compared despite a different fingerprint (\(list))"])
        }
        return Loaded(results: nil, problem: "baseline \(path ?? "") was measured under a different setup (\(list)); refresh the baseline or pass --allow-fingerprint-mismatch")
    }

    /// Fingerprint differences between the baseline and a run that will produce `current`.
    func mismatches(_ baseline: Results, current: BaselineFingerprint) -> [FingerprintMismatch] {
        current.mismatches(against: BaselineFingerprint.of(baseline: baseline))
    }
}
