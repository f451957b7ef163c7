import Foundation
import Testing

@testable import Import
@testable import LensCore

/// Each importer against an independent reading of the same real file (Foundation's parser).
@Suite struct ImportMappingTests {
    private func scenario(_ file: String, format: ForeignFormat? = nil) throws -> ScenarioResult {
        let results = try ForeignResults.load(ImportFixtures.path(file), format: format).results
        try #require(results.scenarios.count == 1)
        return results.scenarios[0]
    }

    private func close(_ a: [Double]?, _ b: [Double]) -> Bool {
        guard let a, a.count == b.count else { return false }
        return zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }
    }

    @Test func vllmKeepsEveryChunkGapLabelledWithItsRequest() throws {
        let raw = try #require(try ImportFixtures.json("vllm/again.json") as? [String: Any])
        let errors = try #require(raw["errors"] as? [String])
        let ttfts = try #require(raw["ttfts"] as? [Double])
        let itls = try #require(raw["itls"] as? [[Double]])
        let outputs = try #require(raw["output_lens"] as? [Int])
        let succeeded = errors.indices.filter { errors[$0].isEmpty }
        try #require(succeeded.count < errors.count, "the fixture has a failed request")

        let scenario = try scenario("vllm/again.json")
        #expect(close(scenario.samples[.ttftMs], succeeded.map { ttfts[$0] * 1000 }))
        #expect(close(scenario.samples[.itlMs], succeeded.flatMap { itls[$0].map { $0 * 1000 } }))
        let labels = succeeded.enumerated().flatMap { index, request in Array(repeating: index, count: itls[request].count) }
        #expect(scenario.sampleRequests?[.itlMs] == labels)
        #expect(scenario.counts?.requests == errors.count)
        #expect(scenario.counts?.failed == errors.count - succeeded.count)
        #expect(scenario.counts?.errors[.http5xx] == errors.count - succeeded.count)  // "Service Unavailable"
        #expect(scenario.totals?.outputTokens == succeeded.map { outputs[$0] }.reduce(0, +))
        #expect(scenario.totals?.durationSeconds == raw["duration"] as? Double)
        #expect(scenario.model == "sim-model")
    }

    @Test func guidellmUsesLensGateDefinitionsAndNoChunkGaps() throws {
        let raw = try #require(try ImportFixtures.json("guidellm/again.json") as? [String: Any])
        let benchmark = try #require((raw["benchmarks"] as? [[String: Any]])?.first)
        let lists = try #require(benchmark["requests"] as? [String: Any])
        let successful = try #require(lists["successful"] as? [[String: Any]])
        let errored = try #require(lists["errored"] as? [[String: Any]])
        try #require(!errored.isEmpty, "the fixture has a failed request")

        let scenario = try scenario("guidellm/again.json")
        #expect(scenario.name == "concurrent@4")
        #expect(close(scenario.samples[.ttftMs], successful.compactMap { $0["time_to_first_token_ms"] as? Double }))
        #expect(close(scenario.samples[.e2eMs], successful.compactMap { ($0["request_latency"] as? Double).map { $0 * 1000 } }))
        let tpot = successful.compactMap { request -> Double? in
            guard let e2e = request["request_latency"] as? Double, let ttft = request["time_to_first_token_ms"] as? Double,
                let tokens = request["output_tokens"] as? Int, tokens > 1
            else { return nil }
            return (e2e * 1000 - ttft) / Double(tokens - 1)
        }
        #expect(close(scenario.samples[.tpotMs], tpot))
        #expect(scenario.samples[.itlMs] == nil)
        #expect(
            scenario.counts
                == RequestCounts(
                    requests: successful.count + errored.count, succeeded: successful.count,
                    failed: errored.count, errors: [.http5xx: errored.count]))
        #expect(scenario.totals?.durationSeconds == benchmark["duration"] as? Double)
    }

    @Test func guidellmYAMLGivesTheSameScenarioAsItsJSON() throws {
        #expect(try scenario("guidellm/base.yaml") == scenario("guidellm/base.json"))
    }

    @Test func aiperfRecordsMapUnitsAndErrorsAndTheWindow() throws {
        let records = try ImportFixtures.jsonLines("aiperf/again.jsonl")
        let failed = records.filter { $0["error"] is [String: Any] }
        let good = records.filter { !($0["error"] is [String: Any]) }
        try #require(!failed.isEmpty, "the fixture has a failed request")
        func metric(_ record: [String: Any], _ name: String) -> Any? {
            ((record["metrics"] as? [String: Any])?[name] as? [String: Any])?["value"]
        }
        let scenario = try scenario("aiperf/again.jsonl")
        #expect(close(scenario.samples[.ttftMs], good.compactMap { metric($0, "time_to_first_token") as? Double }))
        #expect(close(scenario.samples[.itlMs], good.flatMap { metric($0, "inter_chunk_latency") as? [Double] ?? [] }))
        #expect(scenario.sampleRequests?[.itlMs]?.max() == good.count - 1)
        #expect(scenario.counts?.failed == failed.count)
        #expect(scenario.counts?.errors[.http5xx] == failed.count)
        // Nanosecond stamps are not exact doubles, so read them through NSNumber.
        let starts = records.compactMap { (($0["metadata"] as? [String: Any])?["request_start_ns"] as? NSNumber)?.doubleValue }
        let ends = records.compactMap { (($0["metadata"] as? [String: Any])?["request_end_ns"] as? NSNumber)?.doubleValue }
        try #require(starts.count == records.count)
        let window = try #require(scenario.totals?.durationSeconds)
        #expect(abs(window - ((ends.max() ?? 0) - (starts.min() ?? 0)) / 1e9) < 1e-6)
    }

    @Test func aiperfAggregateGivesCountsAndTotalsButNoSamples() throws {
        let raw = try #require(try ImportFixtures.json("aiperf/again-aggregate.json") as? [String: Any])
        func average(_ key: String) -> Double? { (raw[key] as? [String: Any])?["avg"] as? Double }
        let scenario = try scenario("aiperf/again-aggregate.json")
        #expect(scenario.samples.isEmpty)
        #expect(scenario.counts?.succeeded == average("request_count").map { Int($0) })
        #expect(scenario.counts?.failed == 1)
        #expect(scenario.totals?.outputTokens == average("total_output_tokens").map { Int($0) })
        #expect(scenario.scenarioValue(.requestThroughput) != nil)
        #expect(scenario.scenarioValue(.errorRate) != nil)
        #expect(scenario.availableMetrics.allSatisfy { $0.granularity == .perScenario })
    }

    @Test func llmperfHasLatenciesButNoWindow() throws {
        let raw = try #require(try ImportFixtures.json("llmperf/base_individual_responses.json") as? [[String: Any]])
        let scenario = try scenario("llmperf/base_individual_responses.json")
        #expect(close(scenario.samples[.ttftMs], raw.compactMap { ($0["ttft_s"] as? Double).map { $0 * 1000 } }))
        #expect(scenario.totals?.durationSeconds == nil)
        #expect(scenario.scenarioValue(.requestThroughput) == nil)
        #expect(scenario.samples[.itlMs] == nil)
    }

    @Test func genaiPerfCountsContentChunksFromTheTimestamps() throws {
        let raw = try #require(try ImportFixtures.json("genai-perf/base.json") as? [String: Any])
        let experiment = try #require((raw["experiments"] as? [[String: Any]])?.first)
        let requests = try #require(experiment["requests"] as? [[String: Any]])
        let scenario = try scenario("genai-perf/base.json")
        #expect(scenario.name == "concurrency-4")
        #expect(scenario.tokenSource == .counted)
        // The first response is the role chunk, the last is [DONE]: TTFT is to the second.
        let ttft = requests.compactMap { request -> Double? in
            guard let sent = (request["timestamp"] as? NSNumber)?.doubleValue,
                let times = (request["response_timestamps"] as? [NSNumber])?.map(\.doubleValue), times.count > 2
            else { return nil }
            return (times[1] - sent) / 1e6
        }
        try #require(ttft.count == requests.count)
        #expect(close(scenario.samples[.ttftMs], ttft))
    }
}
