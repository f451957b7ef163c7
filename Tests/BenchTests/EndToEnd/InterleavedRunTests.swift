import Foundation
import LensCore
import Simulator
import Testing

@testable import Bench

/// Interleaved A/B scenarios end to end: two in-process simulators (different protocols, models
/// and latencies) driven by one runner, checked against the simulators' own truth logs.
@Suite(.serialized) struct InterleavedRunTests {
    /// A simulator that serves any model with a constant profile.
    static func simulator(
        ttftMs: Int, gapMs: Int = 2, tokens: Int = 6, faults: FaultInjection = .none,
        jitter: Double = 0
    ) throws -> SimulatorConfiguration {
        let ttft: LatencyDistribution =
            try jitter > 0
            ? .logNormal(median: .milliseconds(ttftMs), sigma: jitter)
            : .constant(.milliseconds(ttftMs))
        let profile = try LatencyProfile(
            timeToFirstToken: ttft, interChunk: .constant(.milliseconds(gapMs)),
            tokensPerChunk: 1, outputLength: .fixed(tokens))
        return SimulatorConfiguration(
            threads: 1, seed: 11, defaultProfile: profile, unknownModels: .serveWithDefaultProfile,
            faults: faults)
    }

    /// Runs `body` with two started simulators (baseline, candidate) and always stops both.
    static func withSimulators<T>(
        baseline: SimulatorConfiguration, candidate: SimulatorConfiguration,
        _ body: (SimulatorServer, SimulatorServer) async throws -> T
    ) async throws -> T {
        try await Harness.withSimulator(baseline) { base in
            try await Harness.withSimulator(candidate) { cand in try await body(base, cand) }
        }
    }

    /// An A/B config: the baseline speaks OpenAI chat with model `base-model`, the candidate
    /// Ollama chat with model `cand-model`, so every request shows in its truth log which side sent it.
    static func config(
        baseline: SimulatorServer, candidate: SimulatorServer, load: String, blockSize: Int = 5,
        extra: String = "", pricing: Bool = true
    ) throws -> BenchConfig {
        let yaml = """
            targets:
              base: {provider: custom, protocol: openai-chat, base_url: "\(baseline.baseURL)/v1", model: base-model}
              cand: {provider: custom, protocol: ollama-chat, base_url: "\(candidate.baseURL)", model: cand-model}
            workloads:
              w: {synthetic: {input_tokens: 16, output_tokens: 6}, max_tokens: 6}
            \(pricing ? "pricing: {base-model: {input_per_million: 1, output_per_million: 2}, cand-model: {input_per_million: 1, output_per_million: 2}}" : "")
            scenarios:
              - name: ab
                target: cand
                baseline_target: base
                block_size: \(blockSize)
                workload: w
                load: \(load)
            \(extra)
            """
        return try LensConfig(yaml: yaml).bench
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    @Test func eachSideGoesToItsOwnServerInBalancedBlocks() async throws {
        let (outcome, baseTruth, candTruth) = try await Self.withSimulators(
            baseline: try Self.simulator(ttftMs: 5), candidate: try Self.simulator(ttftMs: 25)
        ) { base, cand in
            let config = try Self.config(baseline: base, candidate: cand, load: "{concurrency: 3, requests: 30, warmup: 2}")
            let outcome = try await Harness.run(config)
            return (outcome, base.truth(), cand.truth())
        }
        #expect(outcome.failure == nil)
        #expect(outcome.recordings.count == 2)
        let candidate = outcome.recordings[0]
        let baseline = outcome.recordings[1]
        #expect(candidate.plan.scenario.name == "ab" && candidate.plan.target.name == "cand")
        #expect(baseline.plan.scenario.name == "ab@baseline" && baseline.plan.target.name == "base")
        // 30 measured + 2 warmup requests per side, each on its own server, in its own protocol and model.
        #expect(candidate.log.count == 32 && baseline.log.count == 32)
        #expect(baseTruth.count == 32 && candTruth.count == 32)
        #expect(baseTruth.allSatisfy { $0.api == .openAI && $0.model == "base-model" && $0.outcome == .completed })
        #expect(candTruth.allSatisfy { $0.api == .ollama && $0.model == "cand-model" && $0.outcome == .completed })
        // Every request the runner recorded for a side is one its server saw (x-sim-request-id), and no other.
        let candidateIDs = Set((0..<candidate.log.count).map { UInt64(candidate.log[$0].serverRequestID) })
        let baselineIDs = Set((0..<baseline.log.count).map { UInt64(baseline.log[$0].serverRequestID) })
        #expect(candidateIDs == Set(candTruth.map(\.requestID)))
        #expect(baselineIDs == Set(baseTruth.map(\.requestID)))
        // Blocks: warmup −1, then 0…5 with 5 requests per side in each.
        for log in [candidate.log, baseline.log] {
            let records = (0..<log.count).map { log[$0] }
            #expect(records.filter(\.isWarmup).allSatisfy { $0.block == -1 })
            let measured = records.filter { !$0.isWarmup }
            #expect(Dictionary(grouping: measured, by: \.block).mapValues(\.count) == [0: 5, 1: 5, 2: 5, 3: 5, 4: 5, 5: 5])
        }
        // The sides were interleaved in time, not run one after the other.
        let candidateSends = (0..<candidate.log.count).map { candidate.log[$0].intendedOffsetNs }
        let baselineSends = (0..<baseline.log.count).map { baseline.log[$0].intendedOffsetNs }
        #expect(candidateSends.min()! < baselineSends.max()! && baselineSends.min()! < candidateSends.max()!)
        // Each side measured its own server: the candidate's TTFT is the slower one (by 20 ms; the
        // margin leaves room for a busy machine's scheduling delays).
        let ttft = outcome.results.scenarios.map { Self.median($0.samples[.ttftMs] ?? []) }
        #expect(ttft[0] > ttft[1] + 10, "candidate \(ttft[0]) ms, baseline \(ttft[1]) ms")
    }

    @Test func resultsHoldBothSidesWithABlockForEverySample() async throws {
        let outcome = try await Self.withSimulators(baseline: try Self.simulator(ttftMs: 2), candidate: try Self.simulator(ttftMs: 2)) {
            base, cand in
            try await Harness.run(
                try Self.config(baseline: base, candidate: cand, load: "{concurrency: 4, requests: 23, warmup: 1}", blockSize: 4))
        }
        #expect(outcome.failure == nil)
        let results = outcome.results
        #expect(results.scenarios.map(\.name) == ["ab", InterleavedSide.baselineName(of: "ab")])
        #expect(results.scenarios[0].interleaved == InterleavedSide(role: .candidate, pair: "ab", blockSize: 4))
        #expect(results.scenarios[1].interleaved == InterleavedSide(role: .baseline, pair: "ab", blockSize: 4))
        #expect(results.scenarios.map(\.target) == ["cand", "base"])
        for scenario in results.scenarios {
            #expect(scenario.counts?.requests == 23 && scenario.counts?.warmup == 1)
            let blocks = try #require(scenario.sampleBlocks)
            let metrics: [Metric] = [.ttftMs, .itlMs, .tpotMs, .e2eMs, .outputTokensPerSecond, .costUSD]
            #expect(blocks.metrics == metrics)
            for metric in metrics {
                let samples = try #require(scenario.samples[metric], "\(scenario.name) \(metric)")
                #expect(blocks[metric]?.count == samples.count, "\(scenario.name) \(metric)")
            }
            // 23 per side in blocks of 4: labels 0…5, the last block holding 3.
            #expect(Set(blocks[.e2eMs] ?? []) == Set(0...5))
            #expect(blocks[.e2eMs]?.filter { $0 == 5 }.count == 3)
            // Each ITL gap carries its request's block: 5 gaps per 6-token request.
            #expect(blocks[.itlMs]?.filter { $0 == 0 }.count == 4 * 5)
        }
        // Both sides share the measured phase.
        #expect(results.scenarios[0].totals?.durationSeconds == results.scenarios[1].totals?.durationSeconds)
        // The file written and read back is accepted as an interleaved A/B file.
        let reread = try Results(json: JSONParser.parse(ResultsFile.encode(results)))
        #expect(reread == results)
        let sides = try #require(try reread.interleavedSides())
        #expect(sides.candidate.scenarios.map(\.name) == ["ab"] && sides.baseline.scenarios.map(\.name) == ["ab"])
        #expect(sides.baseline.scenarios[0].target == "base")
        // The CSV names each side.
        let csv = String(decoding: RequestCSV.encode(outcome.recordings), as: UTF8.self)
        let baselineRows = csv.split(separator: "\n").filter { $0.hasPrefix("ab@baseline,") }
        #expect(baselineRows.count == 24)
        // The last column is the block: empty for the warmup request, 0…5 for the measured ones.
        let blockCells = baselineRows.map { $0.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? "?" }
        #expect(blockCells.filter { $0.isEmpty }.count == 1)
        #expect(Set(blockCells.filter { !$0.isEmpty }) == Set((0...5).map(String.init)))
    }

    /// Requests alternate under a shared load: a 30% slower candidate shows as 30% slower, an
    /// identical one as unchanged (generous margins: the machine is shared).
    @Test func aSlowerCandidateShowsAndAnIdenticalOneDoesNot() async throws {
        for (candidateMs, low, high) in [(65, 1.12, 1.5), (50, 0.9, 1.1)] {
            let outcome = try await Self.withSimulators(
                baseline: try Self.simulator(ttftMs: 50, jitter: 0.1),
                candidate: try Self.simulator(ttftMs: candidateMs, jitter: 0.1)
            ) { base, cand in
                try await Harness.run(
                    try Self.config(
                        baseline: base, candidate: cand, load: "{concurrency: 4, requests: 60, warmup: 2}",
                        blockSize: 10))
            }
            #expect(outcome.failure == nil)
            let sides = try #require(try outcome.results.interleavedSides())
            let ratio =
                Self.median(sides.candidate.scenarios[0].samples[.ttftMs] ?? [])
                / Self.median(sides.baseline.scenarios[0].samples[.ttftMs] ?? [])
            #expect(ratio > low && ratio < high, "candidate \(candidateMs) ms vs 50 ms: TTFT ratio \(ratio)")
        }
    }

    @Test func openLoopArrivalsTakeTheSlotsInOrder() async throws {
        let outcome = try await Self.withSimulators(baseline: try Self.simulator(ttftMs: 2), candidate: try Self.simulator(ttftMs: 2)) {
            base, cand in
            try await Harness.run(try Self.config(baseline: base, candidate: cand, load: "{rate: 200, arrival: constant, requests: 20}"))
        }
        #expect(outcome.failure == nil)
        let logs = outcome.recordings.map(\.log)
        #expect(logs.map(\.count) == [20, 20])
        // The union's schedule: 40 sends 5 ms apart, shared between the sides without a collision.
        let sends = logs.flatMap { log in (0..<log.count).map { log[$0].intendedOffsetNs } }.sorted()
        #expect(Set(sends).count == 40)
        let gapsMs = zip(sends.dropFirst(), sends).map { Double($0 - $1) / 1e6 }
        #expect(gapsMs.allSatisfy { abs($0 - 5) < 0.01 })
        // The slot sequence decides the side of each arrival, so the sides' sends interleave block by block.
        let candidateSends = Set((0..<logs[0].count).map { logs[0][$0].intendedOffsetNs })
        let sideOrder = sends.map { candidateSends.contains($0) ? 0 : 1 }
        #expect(sideOrder.prefix(10).filter { $0 == 0 }.count == 5)
        #expect(sideOrder != Array(repeating: 0, count: 20) + Array(repeating: 1, count: 20))
    }

    @Test func aDurationBoundRunStaysBalanced() async throws {
        let outcome = try await Self.withSimulators(baseline: try Self.simulator(ttftMs: 3), candidate: try Self.simulator(ttftMs: 3)) {
            base, cand in
            try await Harness.run(try Self.config(baseline: base, candidate: cand, load: "{concurrency: 2, duration: 600ms}"))
        }
        #expect(outcome.failure == nil)
        let counts = outcome.results.scenarios.compactMap { $0.counts?.requests }
        #expect(counts.count == 2)
        #expect(counts.allSatisfy { $0 >= 10 })
        // Every block is balanced except, at most, the one the clock cut short.
        #expect(abs(counts[0] - counts[1]) <= 5)
    }

    @Test func theAbortRuleCountsBothSides() async throws {
        // Only the baseline fails (every request rate limited): 50% of the union, above a 30% limit.
        let outcome = try await Self.withSimulators(
            baseline: try Self.simulator(ttftMs: 2, faults: .always(.rateLimited)),
            candidate: try Self.simulator(ttftMs: 2)
        ) { base, cand in
            try await Harness.run(
                try Self.config(
                    baseline: base, candidate: cand, load: "{concurrency: 2, requests: 500}",
                    extra: "run: {abort: {max_error_rate: 30%, min_requests: 20}}"))
        }
        guard case .tooManyErrors(let scenario, let target, _, let rate, _, let errors, let example) = outcome.failure else {
            Issue.record("expected an abort, got \(String(describing: outcome.failure))")
            return
        }
        #expect(scenario == "ab")
        #expect(target == "cand ⇄ base")
        #expect(rate > 0.3 && rate < 0.7)
        #expect((errors[.http429] ?? 0) >= 10)
        #expect(example?.hasPrefix("http_429") == true)
        #expect(outcome.results.scenarios.count == 2)
        #expect(outcome.results.scenarios[0].counts?.failed == 0)
        #expect((outcome.results.scenarios[1].counts?.failed ?? 0) >= 10)
    }

    @Test func anOrdinaryScenarioKeepsNoBlocks() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            try await Harness.run(try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 5, concurrency: 1}"))
        }
        let recording = try #require(outcome.recordings.first)
        #expect(outcome.recordings.count == 1)
        #expect(!recording.log.keepsBlocks)
        #expect((0..<recording.log.count).allSatisfy { recording.log[$0].block == -1 })
        #expect(outcome.results.scenarios[0].interleaved == nil && outcome.results.scenarios[0].sampleBlocks == nil)
        #expect(try outcome.results.interleavedSides() == nil)
    }
}
