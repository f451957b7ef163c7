import Foundation
import TestSupport
import Testing

@testable import Import
@testable import LensCore

/// Files with aggregates only: each tool's statistics become declared per-scenario metrics whose
/// values are checked against the same run's per-request data (where the tool wrote both), computed
/// here with lens-gate's definitions, or against the file as Foundation reads it.
@Suite struct ImportAggregateTests {
    private func imported(_ file: String) throws -> (scenario: ScenarioResult, results: ImportedResults) {
        let imported = try ForeignResults.load(ImportFixtures.path(file))
        try #require(imported.results.scenarios.count == 1)
        return (imported.results.scenarios[0], imported)
    }

    private func imported(bytes: Data) throws -> ScenarioResult {
        let results = try ForeignResults.convert(Array(bytes), file: "aggregate.json").results
        try #require(results.scenarios.count == 1)
        return results.scenarios[0]
    }

    /// The linear-interpolation percentile numpy and pandas compute (the tools' own).
    private func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let rank = Double(sorted.count - 1) * p / 100
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }

    private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    private func value(_ scenario: ScenarioResult, _ name: String) -> Double? {
        scenario.values.metrics.first { $0.name == name }.flatMap { scenario.values[$0] }
    }

    private func near(_ a: Double?, _ b: Double, relative: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= relative * max(1, abs(b))
    }

    @Test func aiperfAggregateStatisticsAreTheSameRunsPerRequestFiguresByLensGateDefinitions() throws {
        let records = try ImportFixtures.jsonLines("aiperf/base.jsonl").filter { !($0["error"] is [String: Any]) }
        func metric(_ record: [String: Any], _ name: String) -> Any? {
            ((record["metrics"] as? [String: Any])?[name] as? [String: Any])?["value"]
        }
        let ttft = records.compactMap { metric($0, "time_to_first_token") as? Double }
        let e2e = records.compactMap { metric($0, "request_latency") as? Double }
        let tokens = records.compactMap { (metric($0, "output_sequence_length") as? NSNumber)?.doubleValue }
        try #require(ttft.count == records.count && e2e.count == records.count && tokens.count == records.count)
        let tpot = records.indices.map { (e2e[$0] - ttft[$0]) / (tokens[$0] - 1) }
        let gaps = records.flatMap { metric($0, "inter_chunk_latency") as? [Double] ?? [] }
        let perSecond = records.indices.map { tokens[$0] / (e2e[$0] / 1000) }

        let (scenario, imported) = try imported("aiperf/base-aggregate.json")
        #expect(scenario.samples.isEmpty)
        // AIPerf's figures are rounded by its JSON writer: a relative 1e-9 is plenty.
        for (name, values) in [("ttft_ms", ttft), ("e2e_ms", e2e), ("tpot_ms", tpot), ("itl_ms", gaps), ("output_tokens_per_s", perSecond)]
        {
            #expect(near(value(scenario, "\(name)_mean"), mean(values)), "\(name)_mean")
            for p in [50.0, 90, 95, 99] {
                #expect(near(value(scenario, "\(name)_p\(Int(p))"), percentile(values, p)), "\(name)_p\(Int(p))")
            }
        }
        #expect(scenario.values.metrics.count == 25)
        #expect(imported.results.metrics.declaredMetrics == scenario.values.metrics)
        for metric in imported.results.metrics.declaredMetrics {
            #expect(metric.granularity == .perScenario)
            #expect(metric.origin == .declared)
            let higher = metric.name.hasPrefix("output_tokens_per_s")
            #expect(metric.direction == (higher ? .higherIsBetter : .lowerIsBetter), "\(metric.name)")
            #expect(metric.unit == (higher ? .tokensPerSecond : .milliseconds), "\(metric.name)")
        }
        // Counts and the window are still there, so the throughputs and error rate are too.
        #expect(scenario.counts?.requests == records.count)
        #expect(scenario.scenarioValue(.requestThroughput) != nil)
    }

    @Test func aiperfAggregateInSecondsIsConvertedToMilliseconds() throws {
        let document = #"""
            {"aiperf_version": "x", "request_count": {"avg": 2},
             "time_to_first_token": {"unit": "sec", "avg": 0.05, "p95": 0.08},
             "e2e_output_token_throughput": {"unit": "tokens/sec/user", "p50": 90}}
            """#
        let scenario = try imported(bytes: Data(document.utf8))
        #expect(near(value(scenario, "ttft_ms_mean"), 50))
        #expect(near(value(scenario, "ttft_ms_p95"), 80))
        #expect(value(scenario, "ttft_ms_p50") == nil)
        #expect(value(scenario, "output_tokens_per_s_p50") == 90)
    }

    @Test func vllmWithoutDetailsGivesItsPrintedStatistics() throws {
        let raw = try #require(try ImportFixtures.json("vllm/base-aggregate.json") as? [String: Any])
        try #require(raw["ttfts"] == nil, "saved without --save-detailed")
        let (scenario, imported) = try imported("vllm/base-aggregate.json")
        #expect(imported.format == .vllm)
        #expect(scenario.samples.isEmpty)
        // Foundation's parser on Linux can be an ulp off the nearest double: compare within 1e-12.
        for (vllm, lensGate) in [("ttft", "ttft_ms"), ("tpot", "tpot_ms"), ("itl", "itl_ms")] {
            for (key, statistic) in [("mean_\(vllm)_ms", "mean"), ("median_\(vllm)_ms", "p50"), ("p99_\(vllm)_ms", "p99")] {
                let expected = try #require(raw[key] as? Double)
                #expect(near(value(scenario, "\(lensGate)_\(statistic)"), expected, relative: 1e-12), "\(key)")
            }
        }
        #expect(scenario.values.metrics.count == 9)
        #expect(scenario.counts?.succeeded == raw["completed"] as? Int)
        #expect(scenario.counts?.failed == raw["failed"] as? Int)
        #expect(scenario.totals?.outputTokens == raw["total_output_tokens"] as? Int)
        #expect(scenario.totals?.durationSeconds == raw["duration"] as? Double)
        #expect(imported.notes.contains { $0.contains("aggregate only") && $0.contains("--save-detailed") })
    }

    /// What vLLM leaves out without `--save-detailed` (its `benchmarks/serve.py`), removed from a
    /// detailed file: the statistics are then the same run's per-request arrays, by lens-gate's definitions.
    @Test func vllmStatisticsAreTheSameRunsPerRequestArrays() throws {
        var raw = try #require(try ImportFixtures.json("vllm/base.json") as? [String: Any])
        let errors = try #require(raw["errors"] as? [String])
        let ttfts = try #require(raw["ttfts"] as? [Double])
        let latencies = try #require(raw["latencies"] as? [Double])
        let itls = try #require(raw["itls"] as? [[Double]])
        let outputs = try #require(raw["output_lens"] as? [Int])
        let good = errors.indices.filter { errors[$0].isEmpty }
        for key in [
            "input_lens", "output_lens", "start_times", "ttfts", "itls", "generated_texts", "errors", "server_queue_times", "server_ttfts",
        ] {
            raw[key] = nil
        }
        let scenario = try imported(bytes: try JSONSerialization.data(withJSONObject: raw))
        let ttft = good.map { ttfts[$0] * 1000 }
        let tpot = good.filter { outputs[$0] > 1 }.map { (latencies[$0] - ttfts[$0]) * 1000 / Double(outputs[$0] - 1) }
        let gaps = good.flatMap { itls[$0].map { $0 * 1000 } }
        for (name, values) in [("ttft_ms", ttft), ("tpot_ms", tpot), ("itl_ms", gaps)] {
            #expect(near(value(scenario, "\(name)_mean"), mean(values)), "\(name)_mean")
            #expect(near(value(scenario, "\(name)_p50"), percentile(values, 50)), "\(name)_p50")
            #expect(near(value(scenario, "\(name)_p99"), percentile(values, 99)), "\(name)_p99")
        }
        #expect(scenario.counts?.requests == errors.count)
        #expect(scenario.counts?.failed == errors.count - good.count)
    }

    @Test func vllmEndToEndPercentilesWhenRequested() throws {
        let document = #"{"num_prompts": 4, "completed": 3, "duration": 2, "mean_e2el_ms": 250, "p95_e2el_ms": 400, "p99.9_e2el_ms": 500}"#
        let scenario = try imported(bytes: Data(document.utf8))
        #expect(value(scenario, "e2e_ms_mean") == 250)
        #expect(value(scenario, "e2e_ms_p95") == 400)
        #expect(scenario.values.metrics.count == 2)
        #expect(scenario.counts?.failed == 1)  // no `failed`: the prompts not completed
    }

    @Test func llmperfSummaryIsTheSameRunsIndividualResponses() throws {
        let responses = try #require(try ImportFixtures.json("llmperf/base_individual_responses.json") as? [[String: Any]])
        let good = responses.filter { $0["error_code"] == nil || $0["error_code"] is NSNull }
        let ttft = good.compactMap { ($0["ttft_s"] as? Double).map { $0 * 1000 } }
        let e2e = good.compactMap { ($0["end_to_end_latency_s"] as? Double).map { $0 * 1000 } }
        let perSecond = good.compactMap { record -> Double? in
            guard let tokens = (record["number_output_tokens"] as? NSNumber)?.doubleValue,
                let e2e = record["end_to_end_latency_s"] as? Double
            else { return nil }
            return tokens / e2e
        }
        try #require(ttft.count == good.count && e2e.count == good.count && perSecond.count == good.count)

        let (scenario, imported) = try imported("llmperf/base_summary.json")
        #expect(imported.format == .llmperfSummary)
        for (name, values) in [("ttft_ms", ttft), ("e2e_ms", e2e), ("output_tokens_per_s", perSecond)] {
            #expect(near(value(scenario, "\(name)_mean"), mean(values)), "\(name)_mean")
            for p in [50.0, 90, 95, 99] {
                #expect(near(value(scenario, "\(name)_p\(Int(p))"), percentile(values, p)), "\(name)_p\(Int(p))")
            }
        }
        #expect(scenario.values.metrics.count == 15)
        #expect(!scenario.values.metrics.contains { $0.name.hasPrefix("tpot_ms") || $0.name.hasPrefix("itl_ms") })
        #expect(scenario.counts?.requests == responses.count)
        #expect(scenario.counts?.failed == responses.count - good.count)
        let tokens = good.compactMap { ($0["number_output_tokens"] as? NSNumber)?.intValue }.reduce(0, +)
        #expect(scenario.totals?.outputTokens == tokens)
        // The window comes back from llmperf's completed requests per minute.
        let raw = try #require(try ImportFixtures.json("llmperf/base_summary.json") as? [String: Any])
        let throughput = try #require(raw["results_mean_output_throughput_token_per_s"] as? Double)
        #expect(near(scenario.scenarioValue(.outputThroughput), throughput, relative: 1e-9))
        #expect(imported.notes.contains { $0.contains("inter_token_latency_s") })
    }

    @Test func aNegativeStatisticIsRefusedAtTheToolsField() throws {
        let document = #"{"num_prompts": 2, "completed": 2, "mean_ttft_ms": -3}"#
        do {
            _ = try ForeignResults.convert(Array(document.utf8), file: "v.json")
            Issue.record("a negative statistic was accepted")
        } catch {
            #expect(error.description.hasPrefix("v.json"))
            #expect(error.description.contains("mean_ttft_ms"))
            #expect(error.description.contains("negative"))
        }
    }

    @Test(arguments: [
        (
            #"{"aiperf_version": "x", "request_count": {"avg": 2}, "time_to_first_token": {"unit": "fortnight", "avg": 1}}"#,
            "time_to_first_token.unit"
        ),
        (
            #"{"aiperf_version": "x", "request_count": {"avg": 2}, "e2e_output_token_throughput": {"unit": "ms", "avg": 1}}"#,
            "e2e_output_token_throughput.unit"
        ),
        (#"{"results_num_requests_started": 2, "results_number_errors": 3}"#, "results_number_errors"),
        (#"{"num_prompts": 2, "completed": 1.5}"#, "completed"),
    ])
    func aBadAggregateIsRefusedAtItsField(document: String, field: String) throws {
        do {
            _ = try ForeignResults.convert(Array(document.utf8), file: "a.json")
            Issue.record("accepted: \(document)")
        } catch {
            #expect(error.description.hasPrefix("a.json"))
            #expect(error.description.contains(field), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aDetailedFileStaysPerRequest() throws {
        let (scenario, imported) = try imported("vllm/base.json")
        #expect(scenario.values.isEmpty)
        #expect(imported.results.metrics.declaredMetrics.isEmpty)
        #expect(!imported.notes.contains { $0.contains("aggregate only") })
    }

    /// The converted files, declarations and values included, match the documented JSON Schema
    /// (checked with Python's `jsonschema`, a test-only tool).
    @Test(arguments: ["aiperf/slow-aggregate.json", "vllm/again-aggregate.json", "llmperf/base_summary.json"])
    func convertedAggregatesMatchTheSchema(file: String) throws {
        let results = try ForeignResults.load(ImportFixtures.path(file)).results
        try #require(!results.metrics.declaredMetrics.isEmpty)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))
            for error in errors: print(error.json_path, error.message)
            sys.exit(1 if errors else 0)
            """
        let schema = Repository.path("docs/schema/results.schema.json")
        let outcome = try ExternalTool.run(
            "python3", ["-c", script, schema], stdin: String(decoding: ResultsFile.encode(results), as: UTF8.self))
        #expect(outcome.status == 0, "\(outcome.all)")
    }
}
