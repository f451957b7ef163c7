import LensCore

/// A difference between what the baseline and the current run were measured under.
public struct FingerprintMismatch: Sendable, Equatable, CustomStringConvertible {
    /// What differs: `config`, `hardware`, `tool version`, or `scenario NAME target|workload|model`.
    public var field: String
    /// The baseline's value.
    public var baseline: String
    /// The current run's value.
    public var current: String

    public var description: String { "\(field): baseline '\(baseline)', this run '\(current)'" }
}

extension BaselineFingerprint {
    /// The baseline's fingerprint: the recorded one, or the one derived from its metadata.
    public static func of(baseline: Results) -> BaselineFingerprint {
        baseline.fingerprint ?? BaselineFingerprint(of: baseline)
    }

    /// Differences that make a comparison with `baseline` unfair. A field missing on either side
    /// (a hand-written file) is not compared. Tool versions are compared on major.minor: a patch
    /// release does not change how things are measured.
    public func mismatches(against baseline: BaselineFingerprint) -> [FingerprintMismatch] {
        var mismatches: [FingerprintMismatch] = []
        func compare(_ field: String, _ base: String?, _ now: String?, key: (String) -> String = { $0 }) {
            guard let base, let now, key(base) != key(now) else { return }
            mismatches.append(FingerprintMismatch(field: field, baseline: base, current: now))
        }
        compare("config", baseline.configDigest, configDigest)
        compare("hardware", baseline.hardwareTag, hardwareTag)
        compare("tool version", baseline.toolVersion, toolVersion) { version in
            version.split(separator: ".").prefix(2).joined(separator: ".")
        }
        for name in scenarios.keys.sorted() {
            guard let now = scenarios[name], let base = baseline.scenarios[name] else { continue }
            compare("scenario \(name) target", base.target, now.target)
            compare("scenario \(name) workload", base.workload, now.workload)
            compare("scenario \(name) model", base.model, now.model)
        }
        return mismatches
    }
}
