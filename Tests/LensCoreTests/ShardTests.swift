import Testing

@testable import LensCore

/// Shard arithmetic: shares add up to the totals exactly, the round-robin request split is a
/// partition of the single-process requests that keeps every request's body, open-loop rates and
/// phases superpose to the configured schedule, and `K/N` is read from flags and environments.
@Suite struct ShardTests {
    @Test(arguments: [1, 2, 3, 4, 7, 16])
    func sharesAddUpToTheTotalAndDifferByAtMostOne(count: Int) throws {
        for total in [0, 1, 2, 3, 5, 8, 99, 100, 101, 1000, 12_345] {
            let shares = try (0..<count).map { try Shard(index: $0, count: count).share(of: total) }
            #expect(shares.reduce(0, +) == total, "total \(total) over \(count)")
            #expect((shares.max() ?? 0) - (shares.min() ?? 0) <= 1)
            // The larger shares go to the first shards.
            #expect(shares == shares.sorted(by: >))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func roundRobinRequestsPartitionTheSingleProcessRequests(count: Int) throws {
        for total in [1, 7, 100, 103] where total >= count {
            var seen: [Int] = []
            for index in 0..<count {
                let shard = try Shard(index: index, count: count)
                seen += (0..<shard.share(of: total)).map(shard.globalIndex(ofLocal:))
            }
            #expect(seen.sorted() == Array(0..<total), "every request exactly once (\(total) over \(count))")
        }
    }

    @Test func shardRequestsCarryTheSingleProcessBodies() throws {
        // Single process: warmup w then measured m use bodies 0..<w then (w + m) mod P.
        let warmup = 3
        let bodies = 5
        let total = 23
        let single = (0..<(warmup + total)).map { $0 % bodies }
        let whole = try Shard(index: 0, count: 1)
        #expect((0..<(warmup + total)).map { whole.bodyIndex(sent: $0, warmup: warmup, bodies: bodies) } == single)
        var measured: [Int: Int] = [:]
        for index in 0..<4 {
            let shard = try Shard(index: index, count: 4)
            for sent in 0..<(warmup + shard.share(of: total)) {
                let body = shard.bodyIndex(sent: sent, warmup: warmup, bodies: bodies)
                if sent < warmup {
                    #expect(body == single[sent], "a shard's warmup replays the single-process warmup")
                } else {
                    measured[shard.globalIndex(ofLocal: sent - warmup)] = body
                }
            }
        }
        #expect(measured.count == total)
        for (request, body) in measured { #expect(body == single[warmup + request]) }
    }

    @Test func closedLoopConcurrencyAndRequestsSplitExactly() throws {
        let load = LoadConfig(mode: .closed, concurrency: 10, requests: 103, warmup: 4)
        let shares = try (0..<4).map { try load.share(for: Shard(index: $0, count: 4), scenario: "s") }
        #expect(shares.map(\.concurrency) == [3, 3, 2, 2])
        #expect(shares.map(\.requests) == [26, 26, 26, 25])
        #expect(shares.allSatisfy { $0.warmup == 4 }, "warmup is per shard")
        #expect(try load.share(for: Shard(index: 0, count: 1), scenario: "s") == load)
        // The default request count (neither requests nor duration) is split too.
        let defaulted = try LoadConfig(mode: .closed, concurrency: 4).share(for: Shard(index: 3, count: 4), scenario: "s")
        #expect(defaulted.requests == LoadConfig.defaultRequests / 4)
        // Duration-bound: every shard runs the whole duration.
        let timed = try LoadConfig(mode: .closed, concurrency: 4, durationSeconds: 30).share(for: Shard(index: 1, count: 4), scenario: "s")
        #expect(timed.requests == nil && timed.durationSeconds == 30)
    }

    @Test func loadsTooSmallToSplitAreRefused() throws {
        // Every shard refuses, not only the one that would be left without a share.
        let shard = try Shard(index: 0, count: 4)
        #expect(throws: ShardError.unsplittable(scenario: "s", what: "concurrency", total: 3, count: 4)) {
            try LoadConfig(mode: .closed, concurrency: 3, requests: 100).share(for: shard, scenario: "s")
        }
        #expect(throws: ShardError.unsplittable(scenario: "s", what: "requests", total: 2, count: 4)) {
            try LoadConfig(mode: .open, rate: 10, requests: 2).share(for: shard, scenario: "s")
        }
    }

    @Test func openLoopRatesSplitAndDeterministicSchedulesInterleave() throws {
        let poisson = LoadConfig(mode: .open, rate: 100, arrival: .poisson, requests: 1000)
        let shards = try (0..<4).map { try Shard(index: $0, count: 4) }
        #expect(try shards.map { try poisson.share(for: $0, scenario: "s").rate } == [25, 25, 25, 25])
        #expect(shards.map(poisson.shardPhaseSeconds) == [0, 0, 0, 0])
        #expect(shards.allSatisfy { poisson.shardedArrivalCaveat($0) == nil })
        // Constant: shard k sends at k/rate + j·N/rate, so the union is every i/rate.
        let constant = LoadConfig(mode: .open, rate: 100, arrival: .constant, requests: 1000)
        var union: [Double] = []
        for shard in shards {
            let share = try constant.share(for: shard, scenario: "s")
            let gap = 1 / (share.rate ?? 0)
            union += (0..<(share.requests ?? 0)).map { constant.shardPhaseSeconds(shard) + Double($0) * gap }
        }
        let single = (0..<1000).map { Double($0) / 100 }
        #expect(zip(union.sorted(), single).allSatisfy { abs($0 - $1) < 1e-9 })
        let burst = LoadConfig(mode: .open, rate: 100, arrival: .burst, burstSize: 5, requests: 1000)
        #expect(zip(shards.map(burst.shardPhaseSeconds), [0, 0.05, 0.1, 0.15]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Gamma other than shape 1 does not superpose to gamma: said, not hidden.
        let gamma = LoadConfig(mode: .open, rate: 100, arrival: .gamma, burstiness: 0.5, requests: 1000)
        #expect(gamma.shardedArrivalCaveat(shards[1])?.contains("not a gamma process") == true)
        #expect(gamma.shardedArrivalCaveat(try Shard(index: 0, count: 1)) == nil)
    }

    @Test func seedsDifferPerShardAndStayPutForOne() throws {
        let seeds = try (0..<8).map { try Shard(index: $0, count: 8).seed(42) }
        #expect(Set(seeds).count == 8)
        #expect(try Shard(index: 0, count: 1).seed(42) == 42)
    }

    @Test func flagTextIsOneBased() throws {
        #expect(try Shard(parsing: "1/4") == Shard(index: 0, count: 4))
        #expect(try Shard(parsing: "4/4").description == "4/4")
        #expect(throws: ShardError.indexOutOfRange(oneBased: 0, count: 4)) { try Shard(parsing: "0/4") }
        #expect(throws: ShardError.indexOutOfRange(oneBased: 5, count: 4)) { try Shard(parsing: "5/4") }
        #expect(throws: ShardError.badCount(0)) { try Shard(parsing: "1/0") }
        #expect(throws: ShardError.malformed("two", source: "--shard")) { try Shard(parsing: "two") }
        #expect(throws: ShardError.malformed("1/2/3", source: "--shard")) { try Shard(parsing: "1/2/3") }
    }

    @Test func autoReadsTheSchedulersVariables() throws {
        #expect(try Shard.resolve("auto", environment: ["LENS_GATE_SHARD": "3/5"]) == Shard(index: 2, count: 5))
        // Kubernetes Indexed Jobs count from 0.
        #expect(
            try Shard.resolve("auto", environment: ["JOB_COMPLETION_INDEX": "0", "LENS_GATE_SHARD_TOTAL": "4"]) == Shard(index: 0, count: 4)
        )
        #expect(
            try Shard.resolve("auto", environment: ["JOB_COMPLETION_INDEX": "3", "LENS_GATE_SHARD_TOTAL": "4"]) == Shard(index: 3, count: 4)
        )
        // GitLab parallel: counts from 1.
        #expect(try Shard.resolve("auto", environment: ["CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"]) == Shard(index: 0, count: 3))
        #expect(throws: ShardError.noEnvironment) { try Shard.resolve("auto", environment: [:]) }
        #expect(throws: ShardError.self) { try Shard.resolve("auto", environment: ["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: ShardError.self) {
            try Shard.resolve("auto", environment: ["JOB_COMPLETION_INDEX": "4", "LENS_GATE_SHARD_TOTAL": "4"])
        }
        #expect(throws: ShardError.self) { try Shard.resolve("auto", environment: ["CI_NODE_INDEX": "x", "CI_NODE_TOTAL": "3"]) }
        // An explicit K/N wins over the environment.
        #expect(try Shard.resolve("2/2", environment: ["CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"]) == Shard(index: 1, count: 2))
    }

    @Test func windowUnionCountsOverlapsOnceAndGapsNever() {
        #expect(MeasuredWindow.unionLength([]) == 0)
        #expect(MeasuredWindow.unionLength([MeasuredWindow(start: 10, end: 12)]) == 2)
        #expect(
            MeasuredWindow.unionLength([
                MeasuredWindow(start: 10, end: 14), MeasuredWindow(start: 11, end: 13), MeasuredWindow(start: 13.5, end: 15),
                MeasuredWindow(start: 20, end: 21),
            ]) == 6)
    }
}
