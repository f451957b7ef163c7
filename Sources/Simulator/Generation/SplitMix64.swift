/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a tiny, fast generator whose streams for different seeds are independent enough for simulation.
///
/// Each request gets its own generator seeded from the simulator seed and the request id, so the
/// latencies a request gets do not depend on how requests interleave.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the stream for `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one request: the seed and the id are mixed so that neighbouring ids and
    /// neighbouring seeds give unrelated streams.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C908)
        let a = mixer.next()
        state = a ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (`bound` ≥ 1).
    mutating func nextInt(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A standard normal draw by the Box–Muller transform (one of the pair is discarded for simplicity).
    mutating func nextStandardNormal() -> Double {
        // 1 - u is in (0, 1], so the log is finite.
        let u1 = 1 - nextUnit()
        let u2 = nextUnit()
        return (-2 * libmLog(u1)).squareRoot() * libmCos(2 * Double.pi * u2)
    }

    /// True with probability `p`.
    mutating func nextBool(probability p: Double) -> Bool {
        nextUnit() < p
    }
}
