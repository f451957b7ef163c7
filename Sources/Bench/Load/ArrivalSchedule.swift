import Glibc
import LensCore
import Stats

/// The intended send times of an open loop, as offsets from the start of the scenario.
///
/// Gaps are exponential (Poisson arrivals), gamma with shape `burstiness` and mean 1/rate
/// (burstiness 1 is Poisson, below 1 burstier, above 1 more regular — the convention of vLLM's
/// benchmark), constant, or bursts of `burst_size` requests at one instant spaced
/// `burst_size`/rate apart. Offsets are generated lazily so duration-bounded runs need no bound.
public struct ArrivalSchedule: Sendable {
    private let load: LoadConfig
    private var random: SeededGenerator
    private var offset: Double = 0
    private var issuedInBurst = 0

    /// Creates the schedule of an open-loop profile; every offset is shifted by `phaseSeconds`
    /// (a shard's place in an interleaved deterministic schedule, `LoadConfig.shardPhaseSeconds`).
    public init(load: LoadConfig, seed: UInt64, phaseSeconds: Double = 0) {
        self.load = load
        random = SeededGenerator(seed: seed)
        offset = max(0, phaseSeconds)
    }

    /// The next intended send time in nanoseconds after the scenario start.
    public mutating func next() -> Int64 {
        let rate = load.rate ?? 1
        let current = offset
        switch load.arrival {
        case .poisson:
            offset += -log(random.nextOpenUnit()) / rate
        case .gamma:
            offset += RandomVariates.gamma(shape: load.burstiness, using: &random) / (load.burstiness * rate)
        case .constant:
            offset += 1 / rate
        case .burst:
            issuedInBurst += 1
            if issuedInBurst == load.burstSize {
                issuedInBurst = 0
                offset += Double(load.burstSize) / rate
            }
        }
        // Saturating: a slow rate over many requests can put an offset beyond Int64 nanoseconds (292 years).
        return Int64(saturating: (current * 1e9).rounded())
    }
}
