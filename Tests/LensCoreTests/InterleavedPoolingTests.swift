import Testing

@testable import LensCore

/// Pooling a confirmation rerun into an interleaved A/B file keeps block labels aligned with the
/// samples, numbers the rerun's blocks after the first run's, and keeps the file a valid A/B file.
@Suite struct InterleavedPoolingTests {
    static func side(_ role: InterleavedSide.Role, ttft: [Double], blocks: [Int]) -> ScenarioResult {
        var scenario = ScenarioResult(
            name: role == .candidate ? "chat" : InterleavedSide.baselineName(of: "chat"),
            samples: MetricSamples([.ttftMs: ttft, .e2eMs: ttft.map { $0 * 2 }]),
            counts: RequestCounts(requests: ttft.count, succeeded: ttft.count, failed: 0))
        scenario.interleaved = InterleavedSide(role: role, pair: "chat", blockSize: 2)
        scenario.sampleBlocks = SampleLabels([.ttftMs: blocks, .e2eMs: blocks])
        return scenario
    }

    @Test func rerunBlocksFollowTheFirstRunsAndStayAligned() throws {
        let first = Results(scenarios: [
            Self.side(.candidate, ttft: [1, 2, 3, 4], blocks: [0, 0, 1, 1]),
            Self.side(.baseline, ttft: [1, 2, 3, 4], blocks: [0, 0, 1, 1]),
        ])
        let rerun = Results(scenarios: [
            Self.side(.candidate, ttft: [5, 6], blocks: [0, 0]),
            Self.side(.baseline, ttft: [5, 6], blocks: [0, 0]),
        ])
        let pooled = first.pooling([rerun])
        for scenario in pooled.scenarios {
            #expect(scenario.samples[.ttftMs] == [1, 2, 3, 4, 5, 6])
            #expect(scenario.sampleBlocks?[.ttftMs] == [0, 0, 1, 1, 2, 2])
            #expect(scenario.sampleBlocks?[.e2eMs] == [0, 0, 1, 1, 2, 2])
            #expect(scenario.counts?.requests == 6)
        }
        // Still a valid A/B file after writing and reading.
        let reread = try Results(json: JSONParser.parse(JSONWriter().string(pooled.json)))
        let sides = try #require(try reread.interleavedSides())
        #expect(sides.candidate.scenarios[0].samples[.ttftMs]?.count == 6)
    }

    @Test func labelsAreDroppedRatherThanMisaligned() {
        var unlabelled = Self.side(.candidate, ttft: [5, 6], blocks: [0, 0])
        unlabelled.sampleBlocks = nil
        let pooled = Self.side(.candidate, ttft: [1, 2], blocks: [0, 0]).pooling(unlabelled)
        #expect(pooled.samples[.ttftMs]?.count == 4)
        #expect(pooled.sampleBlocks == nil)
    }
}

/// Request labels of per-chunk samples survive files and pooling.
@Suite struct SampleRequestTests {
    func scenario(_ gaps: [Double], _ requests: [Int]) -> ScenarioResult {
        var scenario = ScenarioResult(name: "chat", samples: MetricSamples([.itlMs: gaps, .ttftMs: [1, 2]]))
        scenario.sampleRequests = SampleLabels([.itlMs: requests])
        return scenario
    }

    @Test func poolingNumbersTheRerunsRequestsAfterTheFirstRuns() {
        let pooled = scenario([1, 2, 3], [0, 0, 1]).pooling(scenario([4, 5], [0, 1]))
        #expect(pooled.sampleRequests?[.itlMs] == [0, 0, 1, 2, 3])
        var unlabelled = scenario([4, 5], [0, 1])
        unlabelled.sampleRequests = nil
        #expect(scenario([1, 2, 3], [0, 0, 1]).pooling(unlabelled).sampleRequests == nil)
    }

    func decode(_ text: String) throws -> Results { try Results(json: JSONParser.parse(Array(text.utf8))) }

    @Test func labelsRoundTripAndBadOnesNameTheField() throws {
        let results = Results(scenarios: [scenario([1, 2, 3], [0, 0, 1])])
        // The writer's layout without its whitespace (no string here has any).
        let text = String(decoding: ResultsFile.encode(results), as: UTF8.self).filter { !$0.isWhitespace }
        #expect(text.contains("\"sample_requests\":{\"itl_ms\":[0,0,1]}"))
        #expect(try decode(text).scenarios[0].sampleRequests?[.itlMs] == [0, 0, 1])
        let cases = [
            (text.replacingOccurrences(of: "[0,0,1]", with: "[0,1]"), "2 request labels for 3 samples of itl_ms"),
            (text.replacingOccurrences(of: "[0,0,1]", with: "[0,0.5,1]"), "request labels must be whole numbers"),
            (
                text.replacingOccurrences(of: "\"sample_requests\":{\"itl_ms\"", with: "\"sample_requests\":{\"ttft_ms\""),
                "ttft_ms has one sample per request"
            ),
        ]
        for (bad, message) in cases {
            #expect(throws: (any Error).self) { try decode(bad) }
            do {
                _ = try decode(bad)
            } catch {
                #expect("\(error)".contains(message), "\(error)")
                #expect("\(error)".contains("sample_requests"), "\(error)")
            }
        }
    }
}
