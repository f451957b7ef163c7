/// Per-request latency limits that a request must all meet to count towards goodput (the `slo:`
/// key of `lens-gate.yaml`, e.g. `slo: {ttft_ms: 500, tpot_ms: 50, e2e_ms: 5000}`).
///
/// Any subset of the three limits may be given; a limit that is not given constrains nothing.
/// Limits are in milliseconds. Goodput under one SLO is a different benchmark from goodput under
/// another, so the SLO is part of the config fingerprint and is written beside every good count.
public struct ServiceLevelObjective: Sendable, Equatable {
    /// One limited latency: its key in configs and results files, in the order reports list them.
    public enum Part: String, Sendable, CaseIterable, Comparable {
        /// Time to first token, ms.
        case ttftMs = "ttft_ms"
        /// Time per output token after the first, ms.
        case tpotMs = "tpot_ms"
        /// End-to-end latency, ms.
        case e2eMs = "e2e_ms"

        /// Orders parts as declared.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

        private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    /// The limits that were given, in milliseconds.
    public private(set) var limits: [Part: Double]

    /// An SLO with the given limits (nil limits are left out).
    public init(ttftMs: Double? = nil, tpotMs: Double? = nil, e2eMs: Double? = nil) {
        limits = [:]
        limits[.ttftMs] = ttftMs
        limits[.tpotMs] = tpotMs
        limits[.e2eMs] = e2eMs
    }

    /// The limit of one part, if given.
    public subscript(part: Part) -> Double? {
        get { limits[part] }
        set { limits[part] = newValue }
    }

    /// True when no limit is given (such an SLO is refused where it is read).
    public var isEmpty: Bool { limits.isEmpty }

    /// The given parts, in declaration order.
    public var parts: [Part] { limits.keys.sorted() }

    /// These limits with `other`'s given limits over them (a scenario's `slo:` over the top-level one).
    public func overridden(by other: ServiceLevelObjective) -> ServiceLevelObjective {
        var merged = self
        for (part, limit) in other.limits { merged.limits[part] = limit }
        return merged
    }

    /// The SLO in one line, e.g. `ttft_ms ≤ 500 ms, tpot_ms ≤ 50 ms`.
    public var summary: String {
        parts.map { "\($0.rawValue) ≤ \(Self.format(limits[$0] ?? 0)) ms" }.joined(separator: ", ")
    }

    /// The SLO as `key=value` pairs for fingerprints and option syntax, e.g. `ttft_ms=500,tpot_ms=50`.
    public var canonicalText: String {
        parts.map { "\($0.rawValue)=\(Self.format(limits[$0] ?? 0))" }.joined(separator: ",")
    }

    /// A limit without a trailing `.0` when whole.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
