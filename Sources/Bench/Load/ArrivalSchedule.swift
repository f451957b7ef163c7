import Glibc
import LensCore

/// The intended send times of an open loop, as offsets from the start of the scenario.
///
/// Gaps are exponential (Poisson arrivals), gamma with shape `burstiness` and mean 1/rate
/// (burstiness 1 is Poisson, below 1 burstier, above 1 more regular — the convention of vLLM's
/// benchmark), constant, or bursts of `burst_size` requests at one instant spaced
/// `burst_size`/rate apart. Offsets are generated lazily so duration-bounded runs need no bound.
public struct ArrivalSchedule: Sendable {
    private let load: LoadConfig
    private var random: SeededRandom
    private var offset: Double = 0
    private var issuedInBurst = 0

    /// Creates the schedule of an open-loop profile.
    public init(load: LoadConfig, seed: UInt64) {
        self.load = load
        random = SeededRandom(seed: seed)
    }

    /// The next intended send time in nanoseconds after the scenario start.
    public mutating func next() -> Int64 {
        let rate = load.rate ?? 1
        let current = offset
        switch load.arrival {
        case .poisson:
            offset += -log(random.nextUnitInterval()) / rate
        case .gamma:
            offset += Self.gamma(shape: load.burstiness, random: &random) / (load.burstiness * rate)
        case .constant:
            offset += 1 / rate
        case .burst:
            issuedInBurst += 1
            if issuedInBurst == load.burstSize {
                issuedInBurst = 0
                offset += Double(load.burstSize) / rate
            }
        }
        return Int64((current * 1e9).rounded())
    }

    /// A Gamma(shape, 1) variate by Marsaglia & Tsang (2000), "A simple method for generating gamma
    /// variables"; shapes below 1 use the boost Gamma(a) = Gamma(a+1)·U^(1/a) from the same paper.
    static func gamma(shape: Double, random: inout SeededRandom) -> Double {
        if shape < 1 {
            let boosted = gamma(shape: shape + 1, random: &random)
            return boosted * pow(random.nextUnitInterval(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal(random: &random)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.nextUnitInterval()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A standard normal variate (Box–Muller; one of the pair is discarded for simplicity).
    static func normal(random: inout SeededRandom) -> Double {
        let u1 = random.nextUnitInterval()
        let u2 = random.nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
