import Foundation
import Gate
import LensCore

/// A baseline measured under another setup than the config describes (exit 4), found before a
/// single request is sent: the benchmark would be wasted.
struct DifferentSetup: DiagnosedError {
    var baseline: String
    var mismatches: [FingerprintMismatch]
    var exitStatus: ExitStatus { .noBaseline }
    var description: String {
        "baseline \(baseline) was measured under a different setup: " + mismatches.map(\.description).joined(separator: "; ")
            + "; nothing was benchmarked. Record a new baseline ('lens-gate baseline update --baseline \(baseline)') "
            + "or pass --allow-fingerprint-mismatch"
    }
}

/// Compares the setup a config will measure with the baseline's before benchmarking (the same
/// comparison Gate makes after the run, on the fields the config already determines).
struct SetupCheck {
    var config: BenchConfig
    var environment: [String: String]
    /// The scenarios the run is limited to (`--scenario`); empty: all.
    var only: [String] = []

    /// The fingerprint the run will record: config fields and digest, hardware tag (the
    /// environment's `LENS_GATE_HARDWARE_TAG` over the config's), tool version, scenario identities.
    var expected: BaselineFingerprint {
        var identities: [String: BaselineFingerprint.ScenarioIdentity] = [:]
        for scenario in config.scenarios where only.isEmpty || only.contains(scenario.name) {
            identities[scenario.name] = BaselineFingerprint.ScenarioIdentity(
                target: scenario.target, workload: scenario.workload, model: config.target(named: scenario.target)?.model)
        }
        let tag = environment["LENS_GATE_HARDWARE_TAG"].flatMap { $0.isEmpty ? nil : $0 } ?? config.run.hardwareTag
        return BaselineFingerprint(
            configDigest: config.fingerprint, toolVersion: LensVersion.current, hardwareTag: tag, scenarios: identities,
            configFields: config.fingerprintFields)
    }

    /// Throws `DifferentSetup` when the baseline at `path` was measured under another setup.
    func verify(_ baseline: Results, path: String) throws(DifferentSetup) {
        let mismatches = expected.mismatches(against: BaselineFingerprint.of(baseline: baseline))
        guard mismatches.isEmpty else { throw DifferentSetup(baseline: path, mismatches: mismatches) }
    }
}
