import LensCore

/// What a run is to be compared with, as the command line found it: the CLI reads the files,
/// Gate decides what they mean (a missing baseline, a different setup, the other side of an
/// interleaved run).
public indirect enum BaselineInput: Sendable {
    /// No comparison wanted: quality gates, budgets and trends only (`check --no-baseline`).
    case notWanted
    /// No baseline could be found; `reason` says why and what to do (exit 4).
    case missing(reason: String)
    /// A baseline recorded earlier, called `name` in messages (its path). One measured under a
    /// different fingerprint is refused (exit 4) unless `allowFingerprintMismatch`.
    case stored(Results, name: String, allowFingerprintMismatch: Bool)
    /// The baseline sides of the run itself, when it is an interleaved A/B run (both sides measured
    /// in the same job); `otherwise` applies when it is not (nil: the run must be interleaved).
    case sameJob(otherwise: BaselineInput?)
}

/// A baseline resolved for one run: what is compared with what, or why nothing can be.
public struct ResolvedBaseline: Sendable {
    /// The results judged (the candidate sides of an interleaved run, under the pair names).
    public var current: Results
    /// The baseline they are compared with; nil when there is none.
    public var baseline: Results?
    /// Why there is no usable baseline (exit 4), when one was wanted and there is none.
    public var problem: String?
    /// Whether the baseline was measured in the same job: the within-run tests then apply and the
    /// history of other jobs does not.
    public var sameJob: Bool
    /// What the report should say about the comparison.
    public var notices: [String]

    /// Creates a resolution.
    public init(current: Results, baseline: Results?, problem: String? = nil, sameJob: Bool = false, notices: [String] = []) {
        self.current = current
        self.baseline = baseline
        self.problem = problem
        self.sameJob = sameJob
        self.notices = notices
    }
}

extension BaselineInput {
    /// Resolves what `run` is compared with. Throws when the run's interleaved sides do not pair
    /// up, or when the run must be interleaved and is not (the error belongs to the results file).
    public func resolve(for run: Results) throws(FieldError) -> ResolvedBaseline {
        switch self {
        case .notWanted:
            return ResolvedBaseline(current: run, baseline: nil)
        case .missing(let reason):
            return ResolvedBaseline(current: run, baseline: nil, problem: reason)
        case .sameJob(let otherwise):
            if let sides = try run.interleavedSides() {
                return ResolvedBaseline(
                    current: sides.candidate, baseline: sides.baseline, sameJob: true,
                    notices: [
                        "interleaved A/B: each candidate is compared with the baseline side measured in the same job (within-run noise model)"
                    ])
            }
            guard let otherwise else { throw FieldError(.root, "the run produced no interleaved scenario") }
            return try otherwise.resolve(for: run)
        case let .stored(baseline, name, allowFingerprintMismatch):
            return try Self.compare(run, with: baseline, name: name, allowFingerprintMismatch: allowFingerprintMismatch)
        }
    }

    /// A stored baseline: refused when measured under a different setup (unless allowed); an
    /// interleaved run compared with a baseline that has no in-job sides contributes its candidate
    /// sides (under the pair names), since its `NAME@baseline` sides have nothing stored to meet.
    private static func compare(
        _ run: Results, with baseline: Results, name: String, allowFingerprintMismatch: Bool
    ) throws(FieldError) -> ResolvedBaseline {
        var notices: [String] = []
        let mismatches = BaselineFingerprint(of: run).mismatches(against: BaselineFingerprint.of(baseline: baseline))
        if !mismatches.isEmpty {
            let list = mismatches.map(\.description).joined(separator: "; ")
            guard allowFingerprintMismatch else {
                return ResolvedBaseline(
                    current: run, baseline: nil,
                    problem:
                        "baseline \(name) was measured under a different setup (\(list)); refresh the baseline or pass --allow-fingerprint-mismatch"
                )
            }
            notices.append("compared despite a different fingerprint (\(list))")
        }
        guard !baseline.scenarios.contains(where: { $0.interleaved != nil }), let sides = try run.interleavedSides() else {
            return ResolvedBaseline(current: run, baseline: baseline, notices: notices)
        }
        notices.append(
            "interleaved A/B run against a stored baseline: the candidate side of each pair is compared with it, the in-job baseline sides are not"
        )
        return ResolvedBaseline(current: sides.candidate, baseline: baseline, notices: notices)
    }
}
