import Testing

@testable import LensCore

/// `ShardMerge`: the merged file is the union of the shards (samples, counts, tokens, error
/// classes), request and block labels stay distinct units, throughput uses the union of the
/// wall-clock windows, and every bad shard set is refused with a line naming the file.
@Suite struct ShardMergeTests {
    /// A shard's results: one scenario with `requests` requests of 3 ITL gaps each, in blocks of 2.
    static func shard(
        _ number: Int, of count: Int, fingerprint: String = "fp", requests: Int = 4, window: (Double, Double) = (100, 110),
        host: String = "node"
    ) throws -> Results {
        let ttft = (0..<requests).map { Double(number * 100 + $0) }
        var scenario = ScenarioResult(
            name: "chat", target: "t", workload: "w", model: "m",
            samples: MetricSamples([.ttftMs: ttft, .itlMs: ttft.flatMap { [$0, $0, $0] }]),
            counts: RequestCounts(requests: requests + 1, succeeded: requests, failed: 1, warmup: 2, errors: [.timeout: 1]),
            totals: ScenarioTotals(durationSeconds: window.1 - window.0, inputTokens: 10 * requests, outputTokens: 8 * requests),
            tokenSource: .server)
        scenario.sampleRequests = SampleLabels([.itlMs: (0..<requests).flatMap { [$0, $0, $0] }])
        scenario.sampleBlocks = SampleLabels([
            .ttftMs: (0..<requests).map { $0 / 2 }, .itlMs: (0..<requests).flatMap { [$0 / 2, $0 / 2, $0 / 2] },
        ])
        scenario.measuredWindow = MeasuredWindow(start: window.0, end: window.1)
        var run = RunMetadata(
            startedAt: "2026-12-03T10:0\(number):00Z", finishedAt: "2026-12-03T10:1\(number):00Z", configFingerprint: fingerprint,
            host: HostInfo(name: "\(host)-\(number)", os: "Linux", hardwareTag: "c4"))
        run.shard = try Shard(index: number - 1, count: count)
        return Results(run: run, scenarios: [scenario])
    }

    /// Every request's index twice (two ITL gaps per request).
    static func twice(_ requests: [Int]) -> [Double] { requests.flatMap { [Double($0), Double($0)] } }

    static func inputs(_ shards: [Results]) -> [ShardMerge.Input] {
        shards.enumerated().map { (path: "shard-\($0.offset + 1).json", results: $0.element) }
    }

    @Test func mergedFileIsTheUnionOfTheShards() throws {
        let shards = try [
            Self.shard(1, of: 3, window: (100, 110)), Self.shard(2, of: 3, window: (101, 111)),
            Self.shard(3, of: 3, window: (130, 135)),
        ]
        // Given out of order: the merge orders by shard index.
        let merged = try ShardMerge.merge(Self.inputs([shards[2], shards[0], shards[1]]), allowPartial: false)
        let scenario = try #require(merged.scenario(named: "chat"))
        // One request from each shard in turn: 100, 200, 300, 101, 201, 301, …
        var expected: [Double] = []
        for request in 0..<4 { for shard in 1...3 { expected.append(Double(shard * 100 + request)) } }
        #expect(scenario.samples[.ttftMs] == expected)
        #expect(scenario.samples[.itlMs]?.prefix(6) == [100, 100, 100, 200, 200, 200])
        #expect(scenario.counts == RequestCounts(requests: 15, succeeded: 12, failed: 3, warmup: 6, errors: [.timeout: 3]))
        #expect(scenario.totals?.inputTokens == 120 && scenario.totals?.outputTokens == 96)
        // Union of [100,111] and [130,135]: 16 s, not the 35 s span nor the 25 s sum.
        #expect(scenario.totals?.durationSeconds == 16)
        #expect(scenario.scenarioValue(.requestThroughput) == 12.0 / 16)
        #expect(scenario.measuredWindow == MeasuredWindow(start: 100, end: 135))
        // Each request stays its own cluster: 12 requests, 12 distinct labels, 3 gaps each.
        let requests = try #require(scenario.sampleRequests?[.itlMs])
        #expect(requests.count == 36)
        #expect(Set(requests).count == 12)
        #expect(Dictionary(grouping: requests, by: { $0 }).values.allSatisfy { $0.count == 3 })
        // Blocks of different shards are different blocks: 2 per shard, 6 in all, aligned with samples.
        #expect(Set(scenario.sampleBlocks?[.ttftMs] ?? []).count == 6)
        #expect(scenario.sampleBlocks?[.itlMs]?.count == 36)
        #expect(scenario.tokenSource == .server)
        #expect(merged.run.complete)
        #expect(merged.run.shard == nil)
        #expect(merged.run.shards?.count == 3)
        #expect(merged.run.shards?.members.map(\.shard.number) == [1, 2, 3])
        #expect(merged.run.shards?.members.map(\.host) == ["node-1", "node-2", "node-3"])
        #expect(merged.run.shards?.members.first?.requests == 5)
        #expect(merged.run.startedAt == "2026-12-03T10:01:00Z" && merged.run.finishedAt == "2026-12-03T10:13:00Z")
        #expect(merged.run.configFingerprint == "fp")
        #expect(merged.run.host == HostInfo(os: "Linux", hardwareTag: "c4"), "facts the shards share; not one shard's name")
        // The merged file reads back as written.
        let reread = try Results(json: JSONParser.parse(ResultsFile.encode(merged)))
        #expect(reread == merged)
    }

    /// Request i ran on shard i mod N: with each shard's samples in request order, merging gives back the single run's order, so that
    /// readers comparing the halves of a run (baseline drift) see time order, not shard order.
    @Test func mergeRebuildsTheSingleProcessRequestOrder() throws {
        let total = 23
        var shards: [Results] = []
        for index in 0..<4 {
            let shard = try Shard(index: index, count: 4)
            let requests = (0..<shard.share(of: total)).map(shard.globalIndex(ofLocal:))
            var scenario = ScenarioResult(
                name: "chat", samples: MetricSamples([.e2eMs: requests.map(Double.init), .itlMs: Self.twice(requests)]),
                counts: RequestCounts(requests: requests.count, succeeded: requests.count, failed: 0))
            scenario.sampleRequests = SampleLabels([.itlMs: requests.indices.flatMap { [$0, $0] }])
            var run = RunMetadata(configFingerprint: "fp")
            run.shard = shard
            shards.append(Results(run: run, scenarios: [scenario]))
        }
        let merged = try ShardMerge.merge(Self.inputs(shards), allowPartial: false).scenarios[0]
        #expect(merged.samples[.e2eMs] == (0..<total).map(Double.init))
        #expect(merged.samples[.itlMs] == Self.twice(Array(0..<total)))
        let labels = try #require(merged.sampleRequests?[.itlMs])
        #expect(Set(labels).count == total)
        // Each request's two gaps sit together under one label.
        #expect(stride(from: 0, to: labels.count, by: 2).allSatisfy { labels[$0] == labels[$0 + 1] })
    }

    /// The two sides of an interleaved pair are merged as separate scenarios; their blocks must
    /// still match: shard 2's block 0 is one block on both sides, even when shard 1's last block
    /// left no sample on one side (its requests failed).
    @Test func interleavedSidesKeepMatchingBlocks() throws {
        func side(_ name: String, blocks: [Int]) -> ScenarioResult {
            var scenario = ScenarioResult(
                name: name, samples: MetricSamples([.ttftMs: blocks.map(Double.init)]),
                counts: RequestCounts(requests: blocks.count, succeeded: blocks.count, failed: 0))
            scenario.interleaved = InterleavedSide(role: name == "chat" ? .candidate : .baseline, pair: "chat", blockSize: 2)
            scenario.sampleBlocks = SampleLabels([.ttftMs: blocks])
            return scenario
        }
        func shard(_ number: Int, candidate: [Int], baseline: [Int]) throws -> Results {
            var run = RunMetadata(configFingerprint: "fp")
            run.shard = try Shard(index: number - 1, count: 2)
            return Results(run: run, scenarios: [side("chat", blocks: candidate), side("chat@baseline", blocks: baseline)])
        }
        // Shard 1: blocks 0–2 on the candidate side, block 2 lost on the baseline side.
        let merged = try ShardMerge.merge(
            Self.inputs([
                try shard(1, candidate: [0, 0, 1, 1, 2, 2], baseline: [0, 0, 1, 1]),
                try shard(2, candidate: [0, 0, 1, 1], baseline: [0, 0, 1, 1]),
            ]), allowPartial: false)
        let candidate = Set(merged.scenarios[0].sampleBlocks?[.ttftMs] ?? [])
        let baseline = Set(merged.scenarios[1].sampleBlocks?[.ttftMs] ?? [])
        #expect(candidate == [0, 1, 2, 3, 4])
        #expect(baseline == [0, 1, 3, 4], "shard 2's blocks are 3 and 4 on both sides")
        #expect(try merged.interleavedSides() != nil, "still a valid A/B file")
    }

    @Test func partialMergeIsMarkedIncomplete() throws {
        let shards = try [Self.shard(1, of: 4), Self.shard(3, of: 4)]
        #expect(throws: InputError.self) { try ShardMerge.merge(Self.inputs(shards), allowPartial: false) }
        let merged = try ShardMerge.merge(Self.inputs(shards), allowPartial: true)
        #expect(!merged.run.complete)
        #expect(merged.run.shards?.missing == [2, 4])
        #expect(merged.run.shards?.summary.contains("merged from 2 of 4 shards (missing: 2, 4)") == true)
        let reread = try Results(json: JSONParser.parse(ResultsFile.encode(merged)))
        #expect(reread.run.shards?.missing == [2, 4])
    }

    @Test func badShardSetsAreRefusedNamingTheFile() throws {
        func refusal(_ inputs: [ShardMerge.Input]) -> InputError? {
            do {
                _ = try ShardMerge.merge(inputs, allowPartial: false)
                return nil
            } catch {
                return error
            }
        }
        let missing = refusal(Self.inputs(try [Self.shard(1, of: 3), Self.shard(3, of: 3)]))
        #expect(
            missing?.description
                == "shard 2 of 3 missing (given: 1, 3); pass every shard file, or --allow-partial to merge an incomplete set")
        let duplicate = refusal([
            (path: "a.json", results: try Self.shard(1, of: 2)), (path: "b.json", results: try Self.shard(1, of: 2)),
        ])
        #expect(duplicate?.description == "b.json: run.shard: shard 1/2 is given twice (also a.json); pass each shard once")
        let foreign = refusal(Self.inputs(try [Self.shard(1, of: 2), Self.shard(2, of: 2, fingerprint: "other")]))
        #expect(foreign?.file == "shard-2.json")
        #expect(foreign?.reason.contains("config fingerprint other differs from fp of shard-1.json") == true)
        let otherCount = refusal(Self.inputs(try [Self.shard(1, of: 2), Self.shard(2, of: 3)]))
        #expect(otherCount?.reason == "shard 2/3 belongs to a run of 3 shards, but shard-1.json to one of 2")
        var whole = try Self.shard(1, of: 1)
        whole.run.shard = nil
        #expect(refusal([(path: "single.json", results: whole)])?.description.contains("single.json: run: not a shard file") == true)
        let merged = try ShardMerge.merge(Self.inputs([try Self.shard(1, of: 1)]), allowPartial: false)
        #expect(refusal([(path: "merged.json", results: merged)])?.reason.contains("already a merged file") == true)
        // Every refusal is an input error: exit 2.
        #expect(missing?.exitStatus == .inputError && duplicate?.exitStatus == .inputError && foreign?.exitStatus == .inputError)
    }

    @Test func shardWithoutWindowFallsBackToTheLongestDuration() throws {
        var second = try Self.shard(2, of: 2, window: (100, 112))
        second.scenarios[0].measuredWindow = nil
        let merged = try ShardMerge.merge(Self.inputs([try Self.shard(1, of: 2), second]), allowPartial: false)
        #expect(merged.scenarios[0].totals?.durationSeconds == 12)
    }
}
