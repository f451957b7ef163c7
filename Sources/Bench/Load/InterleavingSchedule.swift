import Stats

/// Which side each request of an interleaved A/B scenario goes to, and in which block.
///
/// The requests are cut into blocks of `2k` (k per side); each block is a seeded random
/// permutation (Fisher–Yates) of k candidate and k baseline slots, so the two sides are balanced
/// within every block while neither can sit in a fixed position that a periodic disturbance
/// (a timer, a batch boundary of the server) could favour. Warmup requests come first, in blocks
/// of the same kind labelled −1; measured blocks are labelled 0, 1, 2, …. When the run is bounded
/// by a count per side, the last block holds what is left (still balanced); under a duration the
/// blocks go on until the runner stops asking, so the final block may be cut short.
///
/// Deterministic: the same seed, block size and counts give the same slot sequence.
struct InterleavingSchedule: Sendable {
    /// One request's place: its side and its block.
    struct Slot: Sendable, Equatable {
        /// The side: 0 for the candidate (the plan's own target), 1 for the baseline.
        var arm: Int
        /// The block, or −1 for warmup.
        var block: Int32
    }

    /// Requests per side in each block.
    let blockSize: Int
    private var warmupLeft: Int
    private var measuredLeft: Int?
    private var random: SeededGenerator
    private var current: [UInt8] = []
    private var position = 0
    /// The current block: −1 until the first measured block is drawn (so throughout warmup).
    private var block: Int32 = -1

    /// Mixed into the scenario seed so that slot order and open-loop arrival times are independent draws.
    static let seedSalt: UInt64 = 0x5EED_AB1E_B10C_4ED5

    /// Creates the schedule of a scenario: `warmupPerSide` warmup requests per side, then
    /// `requestsPerSide` measured ones per side (nil: unbounded, for a duration-bound run).
    init(blockSize: Int, warmupPerSide: Int, requestsPerSide: Int?, seed: UInt64) {
        self.blockSize = max(1, blockSize)
        warmupLeft = max(0, warmupPerSide)
        measuredLeft = requestsPerSide.map { max(0, $0) }
        random = SeededGenerator(seed: seed ^ Self.seedSalt)
    }

    /// Whether every slot has been handed out (never for an unbounded schedule).
    var isExhausted: Bool { position >= current.count && warmupLeft == 0 && measuredLeft == 0 }

    /// The next request's slot, or nil when the schedule is exhausted.
    mutating func next() -> Slot? {
        if position >= current.count, !refill() { return nil }
        let arm = Int(current[position])
        position += 1
        return Slot(arm: arm, block: block)
    }

    /// Draws the next block; false when none is left.
    private mutating func refill() -> Bool {
        let perSide: Int
        if warmupLeft > 0 {
            perSide = min(blockSize, warmupLeft)
            warmupLeft -= perSide
        } else {
            if let left = measuredLeft {
                guard left > 0 else { return false }
                perSide = min(blockSize, left)
                measuredLeft = left - perSide
            } else {
                perSide = blockSize
            }
            block += 1
        }
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: repeatElement(0, count: perSide))
        current.append(contentsOf: repeatElement(1, count: perSide))
        // Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P): every permutation equally likely.
        var index = current.count - 1
        while index > 0 {
            let other = Int(uniform(below: UInt64(index + 1)))
            current.swapAt(index, other)
            index -= 1
        }
        position = 0
        return true
    }

    /// A uniform draw in 0..<bound by rejection (our own, so the sequence never depends on the
    /// standard library's choice of algorithm for `random(in:using:)`).
    private mutating func uniform(below bound: UInt64) -> UInt64 {
        // Values below 2^64 mod bound would make the low residues more likely; redraw them.
        let threshold = (0 &- bound) % bound
        while true {
            let value = random.next()
            if value >= threshold { return value % bound }
        }
    }
}
