/// Regression injection: factors that stretch (or shrink) every sampled latency.
///
/// TTFT is multiplied by `overall × timeToFirstToken`, each inter-chunk gap by
/// `overall × interChunk`. A factor of 1.15 simulates a 15 % regression.
public struct Slowdown: Sendable, Equatable {
    /// Factor applied to all latencies.
    public let overall: Double
    /// Extra factor applied to the time to first token only.
    public let timeToFirstToken: Double
    /// Extra factor applied to the gaps between chunks only.
    public let interChunk: Double

    /// Validates and builds the factors; each must be finite and > 0.
    public init(overall: Double = 1, timeToFirstToken: Double = 1, interChunk: Double = 1) throws(SimulatorError) {
        for (name, value) in [("slowdown", overall), ("TTFT factor", timeToFirstToken), ("inter-chunk factor", interChunk)]
        where !(value.isFinite && value > 0) {
            throw .invalidParameter(name: name, value: "\(value)", remedy: "use a finite factor > 0, e.g. 1.15")
        }
        self.overall = overall
        self.timeToFirstToken = timeToFirstToken
        self.interChunk = interChunk
    }

    /// No slowdown: every factor is 1.
    public static let none = Slowdown(unchecked: ())

    private init(unchecked: Void) {
        overall = 1
        timeToFirstToken = 1
        interChunk = 1
    }

    /// The combined factor for the time to first token.
    var ttftFactor: Double { overall * timeToFirstToken }
    /// The combined factor for inter-chunk gaps.
    var gapFactor: Double { overall * interChunk }
}
