import LensCore

/// A difference between what the baseline and the current run were measured under.
public struct FingerprintMismatch: Sendable, Equatable, CustomStringConvertible {
    /// What differs: a config field (`scenario chat: load.concurrency`), `config` (digests of a
    /// baseline that records no fields), `hardware`, `tool version`, or `scenario NAME target|workload|model`.
    public var field: String
    /// The baseline's value.
    public var baseline: String
    /// The current run's value.
    public var current: String
    /// How the difference reads (defaults to `field: baseline → current`).
    public var explanation: String?

    /// Creates a mismatch.
    public init(field: String, baseline: String, current: String, explanation: String? = nil) {
        self.field = field
        self.baseline = baseline
        self.current = current
        self.explanation = explanation
    }

    public var description: String { explanation ?? "\(field): \(baseline) → \(current)" }
}

extension BaselineFingerprint {
    /// The baseline's fingerprint: the recorded one, or the one derived from its metadata.
    public static func of(baseline: Results) -> BaselineFingerprint {
        baseline.fingerprint ?? BaselineFingerprint(of: baseline)
    }

    /// Differences that make a comparison with `baseline` unfair. A field missing on either side
    /// (a hand-written file) is not compared. When both sides record their config fields, those
    /// are compared one by one (so the endpoint's host and port, headers and keys do not count);
    /// a baseline recorded before fields were kept is compared by its config digest, which covers
    /// the whole benchmark config, URLs included. Tool versions are compared on major.minor: a
    /// patch release does not change how things are measured.
    public func mismatches(against baseline: BaselineFingerprint) -> [FingerprintMismatch] {
        var mismatches: [FingerprintMismatch] = []
        func compare(_ field: String, _ base: String?, _ now: String?, key: (String) -> String = { $0 }) {
            guard let base, let now, key(base) != key(now) else { return }
            mismatches.append(FingerprintMismatch(field: field, baseline: base, current: now))
        }
        if let fields = configFields, let baseFields = baseline.configFields {
            for difference in fields.differences(from: baseFields) {
                mismatches.append(
                    FingerprintMismatch(
                        field: (difference.scenario.map { "scenario \($0): " } ?? "") + difference.field,
                        baseline: difference.baseline ?? "(none)", current: difference.current ?? "(none)"))
            }
        } else if let base = baseline.configDigest, let now = configDigest, base != now {
            mismatches.append(
                FingerprintMismatch(
                    field: "config", baseline: base, current: now,
                    explanation:
                        "config digest \(base) → \(now) (the baseline records only a digest of the whole benchmark config, "
                        + "endpoint URLs included, so the fields that differ cannot be listed; re-record it with "
                        + "'lens-gate baseline update' to compare field by field)"))
        }
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
