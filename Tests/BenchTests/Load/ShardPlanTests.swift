import Foundation
import LensCore
import Simulator
import Testing

@testable import Bench

/// A sharded `Benchmark` plans the shard's share with the single run's bodies and a seed of its
/// own, offsets deterministic arrivals by the shard's phase, and records its shard and wall window.
@Suite(.serialized) struct ShardPlanTests {
    @Test func planTakesTheShardsShareAndKeepsTheSingleRunsBodies() throws {
        let config = try Harness.config(baseURL: "http://127.0.0.1:9/v1", load: "{requests: 10, concurrency: 8, warmup: 2}")
        let whole = try Benchmark(config: config, baseDirectory: ".", environment: [:], askGit: false).plan()[0]
        var sharded = Benchmark(config: config, baseDirectory: ".", environment: [:], askGit: false)
        sharded.shard = try Shard(index: 1, count: 4)
        let plan = try sharded.plan()[0]
        #expect(plan.scenario.load.concurrency == 2)
        #expect(plan.scenario.load.requests == 3, "10 over 4: 3, 3, 2, 2")
        #expect(plan.scenario.load.warmup == 2)
        #expect(plan.seed != whole.seed)
        #expect(try whole.shard == nil && plan.shard == Shard(index: 1, count: 4))
        let bodies = whole.bodyRanges.count
        #expect((0..<20).map(whole.bodyIndex(sent:)) == (0..<20).map { $0 % bodies })
        // Warmup replays bodies 0, 1; measured request m of shard 2/4 is single-run request 1 + 4m.
        #expect((0..<5).map(plan.bodyIndex(sent:)) == [0, 1, 3, 7, 11].map { $0 % bodies })
        var thin = sharded
        thin.shard = try Shard(index: 0, count: 9)
        #expect(throws: BenchError.shard(.unsplittable(scenario: "s", what: "concurrency", total: 8, count: 9))) { try thin.plan() }
    }

    @Test func constantArrivalsStartAtTheShardsPhase() throws {
        let load = LoadConfig(mode: .open, rate: 25, arrival: .constant, requests: 5)
        var schedule = ArrivalSchedule(load: load, seed: 1, phaseSeconds: 0.03)
        #expect((0..<3).map { _ in schedule.next() } == [30_000_000, 70_000_000, 110_000_000])
    }

    @Test func shardRunRecordsItsShardAndWallWindow() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 12, concurrency: 3}")
            var benchmark = Benchmark(config: config, baseDirectory: ".", environment: [:], askGit: false)
            benchmark.shard = try Shard(index: 2, count: 3)
            return await benchmark.run(try benchmark.plan())
        }
        #expect(outcome.failure == nil)
        #expect(outcome.results.run.shard?.description == "3/3")
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.requests == 4)
        let window = try #require(scenario.measuredWindow)
        let duration = try #require(scenario.totals?.durationSeconds)
        #expect(abs((window.end - window.start) - duration) < 1e-3)
        #expect(abs(window.end - Date().timeIntervalSince1970) < 60, "Unix seconds of this run")
    }
}
