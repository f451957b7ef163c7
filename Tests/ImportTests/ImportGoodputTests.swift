import Foundation
import Testing

@testable import Import
@testable import LensCore

/// Good requests counted from other tools' per-request files, checked against vLLM's own
/// definition applied to an independent reading of the fixture.
@Suite struct ImportGoodputTests {
    static let slo = ServiceLevelObjective(ttftMs: 55, tpotMs: 9, e2eMs: 300)

    /// vLLM's `calculate_metrics`: successful requests whose ttft, tpot (0 for one token) and
    /// latency are all within the limits.
    func vllmGoodCount(_ file: String, slo: ServiceLevelObjective) throws -> (good: Int, requests: Int) {
        let raw = try #require(try ImportFixtures.json(file) as? [String: Any])
        let errors = try #require(raw["errors"] as? [String])
        let ttfts = try #require(raw["ttfts"] as? [Double])
        let latencies = try #require(raw["latencies"] as? [Double])
        let outputs = try #require(raw["output_lens"] as? [Int])
        var good = 0
        for index in errors.indices where errors[index].isEmpty {
            let ttft = ttfts[index] * 1000
            let e2e = latencies[index] * 1000
            let tpot = outputs[index] > 1 ? (e2e - ttft) / Double(outputs[index] - 1) : 0
            if ttft <= (slo[.ttftMs] ?? .infinity), tpot <= (slo[.tpotMs] ?? .infinity), e2e <= (slo[.e2eMs] ?? .infinity) {
                good += 1
            }
        }
        return (good, errors.count)
    }

    @Test func vllmGoodCountsFollowVLLMsDefinition() throws {
        for file in ["vllm/base.json", "vllm/slow.json", "vllm/again.json"] {
            let expected = try vllmGoodCount(file, slo: Self.slo)
            let scenario = try #require(try ForeignResults.load(ImportFixtures.path(file), slo: Self.slo).results.scenarios.first)
            #expect(scenario.goodput == Goodput(good: expected.good, slo: Self.slo), "\(file)")
            #expect(scenario.counts?.requests == expected.requests)
        }
        // The SLO sits between the two runs' latencies: the slow run has fewer good requests.
        let base = try vllmGoodCount("vllm/base.json", slo: Self.slo).good
        let slow = try vllmGoodCount("vllm/slow.json", slo: Self.slo).good
        #expect(base > slow)
        #expect(slow < 30 && base > 0)
    }

    @Test func withoutAnSLOThereIsNoGoodput() throws {
        let results = try ForeignResults.load(ImportFixtures.path("vllm/base.json")).results
        #expect(results.scenarios.allSatisfy { $0.goodput == nil })
    }

    @Test func everyPerRequestFormatCountsGoodRequests() throws {
        let generous = ServiceLevelObjective(e2eMs: 86_400_000)
        for (file, format) in ImportFixtures.all where format != "aiperf-aggregate" {
            let imported = try ForeignResults.load(ImportFixtures.path(file), slo: generous)
            for scenario in imported.results.scenarios {
                // Under a day-long e2e limit every successful request with a latency is good.
                #expect(scenario.goodput?.good == scenario.samples[.e2eMs]?.count ?? 0, "\(file)")
                #expect(scenario.goodput?.slo == generous)
            }
        }
    }

    @Test func anAggregateFileHasNoGoodputAndSaysWhy() throws {
        let imported = try ForeignResults.load(ImportFixtures.path("aiperf/base-aggregate.json"), slo: Self.slo)
        #expect(imported.results.scenarios.allSatisfy { $0.goodput == nil })
        #expect(imported.notes.contains { $0.contains("goodput under ttft_ms=55,tpot_ms=9,e2e_ms=300 cannot be counted") })
    }
}
