import Foundation
import LensCore
import Simulator
import Stats
import TestSupport
import Testing

/// Evidence for sharded runs, through the real binary against a simulator on 127.0.0.1: four shard
/// processes (`run --shard K/4`, started together) merged with `lens-gate merge` match one process
/// running the same config — request counts and token totals exactly, latency distributions
/// indistinguishable (Mann–Whitney), the open loop's superposed rate within 2% of the target — and
/// `merge` refuses missing, duplicated and foreign shards with one line and exit 2.
@Suite(.serialized) struct ShardingEndToEndTests {
    static let shards = 4

    /// Log-normal latencies wide enough (sigma 0.4) that the client's own microseconds of overhead
    /// (four processes on a shared machine instead of one) stay far below the spread compared.
    static func withSimulator<T>(_ body: (SimulatorServer) throws -> T) async throws -> T {
        let profile = try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(30), sigma: 0.4),
            interChunk: .logNormal(median: .milliseconds(2), sigma: 0.4), tokensPerChunk: 1, outputLength: .fixed(8))
        let configuration = SimulatorConfiguration(
            threads: 2, seed: 12, profiles: ["sim-model": profile], defaultProfile: profile, unknownModels: .reject)
        return try await SimulatorServer.serving(configuration, body)
    }

    /// A closed loop (concurrency 4 → 1 per shard; 202 requests → 51, 51, 50, 50) and a constant
    /// open loop (100/s → 25/s per shard, phases interleaved; a rate one debug-built process keeps
    /// up with on a shared 2-core machine, so that the comparison is of the split, not of a
    /// saturated client), each with synthetic prompts of
    /// varied length so that token totals tell whether the shards sent the single run's prompts.
    static func workspace(_ server: SimulatorServer, requests: Int = 202) throws -> URL {
        let directory = Scratch.directory()
        let yaml = """
            targets:
              sim: {provider: custom, base_url: "\(server.baseURL)/v1", model: sim-model}
            workloads:
              chat: {synthetic: {input_tokens: 40, input_spread: 30, output_tokens: 8}, max_tokens: 8}
            scenarios:
              - {name: closed, target: sim, workload: chat, load: {concurrency: 4, requests: \(requests), warmup: 2}}
              - {name: open, target: sim, workload: chat, load: {rate: 100, arrival: constant, requests: 200, warmup: 8}}
            """
        try yaml.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// Runs the N shard processes at once (one thread each: they must overlap to superpose), and
    /// with them, when `whole` names an output, the single-process run of the same config: both
    /// sides then run under the same load of this shared machine, as an interleaved A/B would.
    static func runShards(in directory: URL, prefix: String = "shard", whole: String? = nil) throws -> [ProcessOutcome] {
        let commands =
            (0..<shards).map { index in
                ["run", "--shard", "\(index + 1)/\(shards)", "--quiet", "--output", "\(prefix)-\(index + 1).json"]
            } + (whole.map { [["run", "--quiet", "--output", $0]] } ?? [])
        nonisolated(unsafe) var outcomes = [ProcessOutcome?](repeating: nil, count: commands.count)
        let lock = NSLock()
        let group = DispatchGroup()
        for (index, command) in commands.enumerated() {
            group.enter()
            Thread {
                let outcome = try? LensGateBinary.run(command, in: directory)
                lock.withLock { outcomes[index] = outcome }
                group.leave()
            }.start()
        }
        group.wait()
        return try outcomes.map { try #require($0) }
    }

    static func results(_ directory: URL, _ name: String) throws -> Results {
        try Results(json: JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
    }

    @Test func mergedShardsMatchOneProcess() async throws {
        let (single, merged, shardFiles) = try await Self.withSimulator { server in
            let directory = try Self.workspace(server)
            for outcome in try Self.runShards(in: directory, whole: "single.json") { #expect(outcome.status == 0, "\(outcome.stderr)") }
            let files = (1...Self.shards).map { "shard-\($0).json" }
            let merge = try LensGateBinary.run(["merge"] + files + ["-o", "merged.json"], in: directory)
            #expect(merge.status == 0, "\(merge.stderr)")
            #expect(merge.stderr.contains("merged from 4 shards"))
            return (
                try Self.results(directory, "single.json"), try Self.results(directory, "merged.json"),
                try files.map { try Self.results(directory, $0) }
            )
        }
        #expect(merged.run.complete)
        #expect(merged.run.shards?.count == 4)
        #expect(merged.run.configFingerprint == single.run.configFingerprint)
        #expect(shardFiles.map { $0.run.shard?.description } == ["1/4", "2/4", "3/4", "4/4"])
        #expect(shardFiles.map { $0.scenario(named: "closed")?.counts?.requests } == [51, 51, 50, 50])
        for name in ["closed", "open"] {
            let one = try #require(single.scenario(named: name))
            let all = try #require(merged.scenario(named: name))
            // Exact: the shards sent the single run's requests, each with its prompt.
            #expect(all.counts?.requests == one.counts?.requests, "\(name)")
            #expect(all.counts?.succeeded == one.counts?.succeeded, "\(name)")
            #expect(all.totals?.inputTokens == one.totals?.inputTokens, "\(name): prompt tokens")
            #expect(all.totals?.outputTokens == one.totals?.outputTokens, "\(name): output tokens")
            #expect(all.samples[.e2eMs]?.count == one.samples[.e2eMs]?.count)
            // Every request of the merged file is its own ITL cluster.
            #expect(Set(all.sampleRequests?[.itlMs] ?? []).count == all.counts?.succeeded)
            // Indistinguishable latencies: a lenient alpha (0.001), since this machine is shared and noisy.
            for metric in [Metric.ttftMs, .e2eMs] {
                let test = try mannWhitneyU(one.samples[metric] ?? [], all.samples[metric] ?? [])
                let medians = [one, all].map { (($0.samples[metric] ?? []).sorted())[($0.samples[metric]?.count ?? 0) / 2] }
                #expect(test.pValue > 0.001, "\(name) \(metric.name): p = \(test.pValue), medians \(medians)")
            }
        }
        // The open loop: what the server received while the shards ran is the sum of their rates.
        let rates = shardFiles.compactMap { file -> Double? in
            guard let open = file.scenario(named: "open"), let count = open.counts?.requests, let window = open.measuredWindow,
                window.end > window.start
            else { return nil }
            return Double(count) / (window.end - window.start)
        }
        #expect(rates.count == 4)
        let superposed = rates.reduce(0, +)
        #expect(abs(superposed / 100 - 1) < 0.02, "superposed rate \(superposed)/s for a target of 100/s (per shard: \(rates))")
    }

    @Test func mergeRefusesBadShardSetsAndCheckNamesTheShards() async throws {
        try await Self.withSimulator { server in
            let directory = try Self.workspace(server, requests: 40)
            for outcome in try Self.runShards(in: directory) { #expect(outcome.status == 0, "\(outcome.stderr)") }
            let missing = try LensGateBinary.run(["merge", "shard-1.json", "shard-2.json", "shard-4.json", "-o", "m.json"], in: directory)
            #expect(missing.status == 2)
            #expect(
                missing.stderr
                    == "lens-gate: error: shard 3 of 4 missing (given: 1, 2, 4); pass every shard file, or --allow-partial to merge an incomplete set\n"
            )
            let duplicate = try LensGateBinary.run(
                ["merge", "shard-1.json", "shard-2.json", "shard-2.json", "shard-3.json", "shard-4.json"], in: directory)
            #expect(duplicate.status == 2)
            #expect(duplicate.stderr.contains("shard-2.json: run.shard: shard 2/4 is given twice"), "\(duplicate.stderr)")
            // A shard of another config (one more request) is foreign.
            let other = directory.appendingPathComponent("other")
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            let otherConfig = try String(contentsOf: directory.appendingPathComponent("lens-gate.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "requests: 40", with: "requests: 41")
            try otherConfig.write(to: other.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
            let foreignRun = try LensGateBinary.run(["run", "--shard", "3/4", "--quiet", "--output", "../foreign-3.json"], in: other)
            #expect(foreignRun.status == 0, "\(foreignRun.stderr)")
            let foreign = try LensGateBinary.run(
                ["merge", "shard-1.json", "shard-2.json", "foreign-3.json", "shard-4.json"], in: directory)
            #expect(foreign.status == 2)
            #expect(foreign.stderr.contains("foreign-3.json: run.config_fingerprint: config fingerprint"), "\(foreign.stderr)")
            #expect(foreign.stderr.split(separator: "\n").count == 1)
            // A bad --shard is a usage error naming the range.
            let outOfRange = try LensGateBinary.run(["run", "--shard", "5/4"], in: directory)
            #expect(outOfRange.status == 2)
            #expect(outOfRange.stderr.contains("shard 5/4 is out of range: shards are counted from 1 to 4"), "\(outOfRange.stderr)")
            let tooThin = try LensGateBinary.run(["run", "--shard", "1/5", "--quiet"], in: directory)
            #expect(tooThin.status == 2)
            #expect(tooThin.stderr.contains("scenario 'closed': concurrency 4 cannot be split over 5 shards"), "\(tooThin.stderr)")
            // From the environment: GitLab's 1-based CI_NODE_INDEX.
            let fromEnvironment = try LensGateBinary.run(
                ["run", "--shard", "auto", "--quiet", "--output", "env.json"], in: directory,
                environment: ["LENS_GATE_SHARD": "2/4"])
            #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
            #expect(try Self.results(directory, "env.json").run.shard?.description == "2/4")

            // --allow-partial: merged, marked incomplete, and the report says so.
            let partial = try LensGateBinary.run(
                ["merge", "shard-1.json", "shard-2.json", "shard-4.json", "--allow-partial", "-o", "partial.json"], in: directory)
            #expect(partial.status == 0, "\(partial.stderr)")
            #expect(try Self.results(directory, "partial.json").run.complete == false)
            let partialCheck = try LensGateBinary.run(
                ["check", "partial.json", "--no-baseline", "--markdown", "partial.md"], in: directory)
            #expect(partialCheck.status == 0, "\(partialCheck.stderr)")
            let partialMarkdown = try String(contentsOf: directory.appendingPathComponent("partial.md"), encoding: .utf8)
            #expect(partialMarkdown.contains("merged from 3 of 4 shards (missing: 3)"), "\(partialMarkdown)")

            // A complete merge: check, the Markdown and baseline update take it like any results file.
            let merge = try LensGateBinary.run(["merge", "shard-1.json", "shard-2.json", "shard-3.json", "shard-4.json"], in: directory)
            #expect(merge.status == 0, "\(merge.stderr)")
            let check = try LensGateBinary.run(["check", "results.json", "--no-baseline", "--markdown", "summary.md"], in: directory)
            #expect(check.status == 0, "\(check.stderr)")
            let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(markdown.contains("Results merged from 4 shards"), "\(markdown)")
            // 40 requests are too few for the drift rule's halves (a single run of 40 fails it as often); not tested here.
            let update = try LensGateBinary.run(
                [
                    "baseline", "update", "--baseline", "baseline.json", "--from", "results.json", "--min-requests", "10",
                    "--max-drift", "1000",
                ], in: directory)
            #expect(update.status == 0, "\(update.stdout)\n\(update.stderr)")
            let gated = try LensGateBinary.run(["check", "results.json", "--baseline", "baseline.json"], in: directory)
            #expect(gated.status == 0, "\(gated.stdout)\n\(gated.stderr)")
        }
    }

    /// `ab --shard K/N`: each shard writes both sides (blocks within the shard) without judging;
    /// the merged file is a valid A/B file whose pairs `check` judges without a baseline.
    @Test func abShardsMergeIntoOneInterleavedComparison() throws {
        let directory = Scratch.directory()
        let config = """
            targets:
              base: {provider: simulator, model: sim-test, simulator: {ttft_ms: 20, itl_ms: 2, jitter: 0.2, tokens: 8, seed: 3}}
              cand: {provider: simulator, model: sim-test, simulator: {ttft_ms: 20, itl_ms: 2, jitter: 0.2, tokens: 8, seed: 4}}
            workloads:
              chat: {synthetic: {input_tokens: 32, output_tokens: 8}, max_tokens: 8}
            scenarios:
              - {name: chat, target: cand, baseline_target: base, workload: chat, block_size: 5, load: {concurrency: 2, requests: 60}}
            """
        try config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        for number in 1...2 {
            let shard = try LensGateBinary.run(["ab", "--shard", "\(number)/2", "--quiet", "--output", "ab-\(number).json"], in: directory)
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("shard \(number)/2 written to ab-\(number).json"), "\(shard.stderr)")
            let written = try Self.results(directory, "ab-\(number).json")
            #expect(written.scenarios.map { $0.counts?.requests } == [30, 30], "60 per side, 30 per side per shard")
        }
        // Each shard's embedded simulators draw from their own seed: with the config's seed in both,
        // shard 2 replayed shard 1's latencies and the merge counted each twice (false alarms).
        let first = try Self.results(directory, "ab-1.json").scenarios[0].samples[.ttftMs] ?? []
        let second = try Self.results(directory, "ab-2.json").scenarios[0].samples[.ttftMs] ?? []
        let replayed = zip(first, second).filter { abs($0 - $1) < 0.5 }.count
        #expect(replayed < first.count / 2, "shard 2 replays shard 1's latencies: \(replayed) of \(first.count) within 0.5 ms")
        let merge = try LensGateBinary.run(["merge", "ab-1.json", "ab-2.json", "-o", "ab.json"], in: directory)
        #expect(merge.status == 0, "\(merge.stderr)")
        let merged = try Self.results(directory, "ab.json")
        #expect(merged.scenarios.map { $0.counts?.requests } == [60, 60])
        let blocks = merged.scenarios.map { Set($0.sampleBlocks?[.ttftMs] ?? []) }
        #expect(blocks[0] == blocks[1], "both sides share their blocks")
        #expect(blocks[0].count == 12, "6 blocks of 5 per side in each shard, numbered apart: \(blocks[0].sorted())")
        let check = try LensGateBinary.run(["check", "ab.json", "--threshold", "10"], in: directory)
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("(mann-whitney-blocked)"), "\(check.stdout)")
    }
}
