import Foundation
import LensCore

/// Finds the baseline to compare with, telling a missing baseline (exit 4) from a broken one (exit 2).
struct BaselineSource {
    var path: String?
    var explicitlyNone: Bool

    /// The loaded baseline, or why there is none.
    struct Loaded {
        var results: Results?
        var problem: String?
    }

    /// The path to load, when there is a file to load.
    var existingPath: String? {
        guard !explicitlyNone, let path, FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    /// Loads the current results and the baseline together (concurrently: both can be large).
    func load(with resultsPath: String) throws -> (results: Results, baseline: Loaded) {
        guard let baselinePath = existingPath else { return (try ResultsFile.load(resultsPath), try load()) }
        let both = try ResultsFile.load([(resultsPath, "results"), (baselinePath, "baseline")])
        return (both[0], Loaded(results: both[1], problem: nil))
    }

    func load() throws -> Loaded {
        if explicitlyNone { return Loaded(results: nil, problem: nil) }
        guard let path else {
            return Loaded(results: nil, problem: "no baseline given (pass --baseline FILE, or --no-baseline to judge quality gates only)")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return Loaded(results: nil, problem: "baseline \(path) not found (record one with 'lens-gate run --output \(path)')")
        }
        return Loaded(results: try ResultsFile.load(path, role: "baseline"), problem: nil)
    }
}
