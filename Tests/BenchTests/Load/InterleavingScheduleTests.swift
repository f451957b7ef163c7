import Testing

@testable import Bench

/// The slot sequence of interleaved A/B runs: balanced in every block, random in order, repeatable per seed.
@Suite struct InterleavingScheduleTests {
    static func drain(_ schedule: InterleavingSchedule, limit: Int = 100_000) -> [InterleavingSchedule.Slot] {
        var schedule = schedule
        var slots: [InterleavingSchedule.Slot] = []
        while slots.count < limit, let slot = schedule.next() { slots.append(slot) }
        return slots
    }

    @Test(arguments: [(1, 0, 7), (3, 2, 10), (10, 4, 200), (10, 13, 95), (7, 0, 1)])
    func everyBlockIsBalancedAndTheCountsArePerSide(blockSize: Int, warmup: Int, requests: Int) {
        for seed in UInt64(1)...40 {
            let slots = Self.drain(InterleavingSchedule(blockSize: blockSize, warmupPerSide: warmup, requestsPerSide: requests, seed: seed))
            #expect(slots.count == 2 * (warmup + requests))
            // Warmup first, labelled −1, balanced per side.
            let warm = slots.prefix(2 * warmup)
            #expect(warm.allSatisfy { $0.block == -1 })
            #expect(warm.filter { $0.arm == 0 }.count == warmup)
            let measured = slots.dropFirst(2 * warmup)
            #expect(measured.allSatisfy { $0.block >= 0 })
            // Blocks are contiguous runs labelled 0, 1, 2, … with k per side (the last holds the rest).
            let blocks = (requests + blockSize - 1) / blockSize
            var start = measured.startIndex
            for block in 0..<blocks {
                let perSide = block == blocks - 1 ? requests - block * blockSize : blockSize
                let run = measured[start..<(start + 2 * perSide)]
                #expect(run.allSatisfy { $0.block == Int32(block) }, "block \(block), seed \(seed)")
                #expect(run.filter { $0.arm == 0 }.count == perSide)
                #expect(run.filter { $0.arm == 1 }.count == perSide)
                start += 2 * perSide
            }
            #expect(start == measured.endIndex)
        }
    }

    @Test func exhaustionIsReportedAndFinal() {
        var schedule = InterleavingSchedule(blockSize: 2, warmupPerSide: 1, requestsPerSide: 3, seed: 9)
        #expect(!schedule.isExhausted)
        for _ in 0..<8 { #expect(schedule.next() != nil) }
        #expect(schedule.isExhausted)
        #expect(schedule.next() == nil)
    }

    @Test func theSameSeedRepeatsAndAnotherSeedDiffers() {
        // The arms as a string of 0s and 1s (a short message when the expectation fails).
        func arms(seed: UInt64) -> String {
            Self.drain(InterleavingSchedule(blockSize: 10, warmupPerSide: 3, requestsPerSide: 200, seed: seed)).map { "\($0.arm)" }.joined()
        }
        let first = arms(seed: 42)
        let again = arms(seed: 42)
        let other = arms(seed: 43)
        #expect(first == again)
        // 20 independent blocks of 20 slots: two seeds agree on all of them with probability (1/184756)^20.
        #expect(first != other)
    }

    /// A fixed or alternating pattern would let a periodic disturbance favour one side; a random
    /// permutation puts the candidate first in about half the blocks and in every position equally often.
    @Test func orderWithinBlocksIsRandom() {
        let slots = Self.drain(InterleavingSchedule(blockSize: 10, warmupPerSide: 0, requestsPerSide: 10 * 400, seed: 5))
        let firsts = stride(from: 0, to: slots.count, by: 20).map { slots[$0].arm }
        let candidateFirst = firsts.filter { $0 == 0 }.count
        // Binomial(400, 1/2): mean 200, sd 10; 140…260 is six standard deviations.
        #expect(candidateFirst > 140 && candidateFirst < 260, "\(candidateFirst) of 400 blocks start with the candidate")
        let strictlyAlternating = stride(from: 0, to: slots.count, by: 20).filter { start in
            (start..<(start + 20)).allSatisfy { slots[$0].arm == ($0 - start) % 2 }
        }
        #expect(strictlyAlternating.count < 3)
    }

    @Test func aDurationBoundScheduleNeverEnds() {
        // Advances its own copy (drain works on a copy of the value), so that `isExhausted` is
        // asked of the schedule that has handed out every slot.
        var schedule = InterleavingSchedule(blockSize: 5, warmupPerSide: 2, requestsPerSide: nil, seed: 1)
        var slots: [InterleavingSchedule.Slot] = []
        while slots.count < 10_004, let slot = schedule.next() { slots.append(slot) }
        #expect(slots.count == 10_004)
        #expect(slots.last?.block == 999)
        #expect(!schedule.isExhausted)
    }
}
