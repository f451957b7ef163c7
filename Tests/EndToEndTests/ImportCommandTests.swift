import Foundation
import TestSupport
import Testing

/// `lens-gate import` and `check` on other tools' real outputs (Tests/ImportTests/Fixtures).
@Suite struct ImportCommandTests {
    private func fixture(_ relative: String) -> String { Repository.path("Tests/ImportTests/Fixtures/" + relative) }

    @Test func importWritesAResultsFileThatCheckReads() throws {
        let directory = Scratch.directory()
        let imported = try LensGateBinary.run(
            ["import", fixture("vllm/base.json"), "-o", "base.json", "--scenario", "chat"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("vLLM bench serve"))
        let text = try String(contentsOf: directory.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(text.contains("\"schema_version\""))
        #expect(text.contains("\"chat\""))
        let check = try LensGateBinary.run(["check", "base.json", "--baseline", "base.json", "--markdown", "/dev/null"], in: directory)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test(arguments: [
        ("vllm/base.json", "vllm/slow.json"), ("guidellm/base.json", "guidellm/slow.json"), ("aiperf/base.jsonl", "aiperf/slow.jsonl"),
        ("genai-perf/base.json", "genai-perf/slow.json"),
        ("llmperf/base_individual_responses.json", "llmperf/slow_individual_responses.json"),
    ])
    func checkReadsForeignFilesAndSeesTheSlowdown(base: String, slow: String) throws {
        let directory = Scratch.directory()
        let same = try LensGateBinary.run(
            ["check", fixture(base), "--baseline", fixture(base), "--json", "same.json", "--markdown", "/dev/null"], in: directory)
        #expect(same.status == 0, "\(same.stderr)")
        let slower = try LensGateBinary.run(
            ["check", fixture(slow), "--baseline", fixture(base), "--json", "slow.json", "--markdown", "/dev/null"], in: directory)
        // 30% slower everywhere: a regression, or inconclusive as a shift of the whole run when no
        // history models the runner (a pass either way is not "no change").
        let said = slower.stdout + slower.stderr
        #expect(slower.status == 1 || said.contains("inconclusive"), "\(said)")
        let verdict = try String(contentsOf: directory.appendingPathComponent("slow.json"), encoding: .utf8)
        #expect(verdict.contains("e2e_ms"))
        #expect(!said.contains("no significant change"))
    }

    @Test func aForcedFormatThatDoesNotFitIsExitTwo() throws {
        let outcome = try LensGateBinary.run(["check", fixture("guidellm/base.json"), "--format", "llmperf", "--no-baseline"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("llmperf"))
    }

    @Test func renamingAFileOfSeveralBenchmarksIsRefused() throws {
        let directory = Scratch.directory()
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("guidellm/base.json")))
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let benchmarks = try #require(document["benchmarks"] as? [Any])
        document["benchmarks"] = benchmarks + benchmarks
        try JSONSerialization.data(withJSONObject: document).write(to: directory.appendingPathComponent("g.json"))
        let outcome = try LensGateBinary.run(["import", "g.json", "--scenario", "x"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("concurrent@4, concurrent@4#2"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("results.json").path))
    }

    /// Each aggregate statistic is one value per run: a slowed one is a warning, never a failure.
    @Test(arguments: [
        ("aiperf/base-aggregate.json", "aiperf/slow-aggregate.json"), ("vllm/base-aggregate.json", "vllm/slow-aggregate.json"),
        ("llmperf/base_summary.json", "llmperf/slow_summary.json"),
    ])
    func checkOnAggregatesWarnsAboutTheSlowedStatistics(base: String, slow: String) throws {
        // Some of the same statistics read from the files here: AIPerf's `{avg, p50, p99}` objects,
        // vLLM's and llmperf's flat keys (only ratios are compared, so units do not matter).
        func statistics(_ file: String) throws -> [String: Double] {
            let data = try Data(contentsOf: URL(fileURLWithPath: fixture(file)))
            let raw = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            func aiperf(_ key: String, _ statistic: String) -> Double? { (raw[key] as? [String: Any])?[statistic] as? Double }
            let figures: [String: Double?] =
                if file.hasPrefix("aiperf") {
                    [
                        "ttft_ms_mean": aiperf("time_to_first_token", "avg"), "tpot_ms_p50": aiperf("inter_token_latency", "p50"),
                        "itl_ms_p99": aiperf("inter_chunk_latency", "p99"), "e2e_ms_p95": aiperf("request_latency", "p95"),
                    ]
                } else if file.hasPrefix("vllm") {
                    [
                        "ttft_ms_mean": raw["mean_ttft_ms"] as? Double, "tpot_ms_p50": raw["median_tpot_ms"] as? Double,
                        "itl_ms_p99": raw["p99_itl_ms"] as? Double,
                    ]
                } else {
                    [
                        "ttft_ms_mean": raw["results_ttft_s_mean"] as? Double,
                        "e2e_ms_mean": raw["results_end_to_end_latency_s_mean"] as? Double,
                        "e2e_ms_p50": raw["results_end_to_end_latency_s_quantiles_p50"] as? Double,
                    ]
                }
            return figures.compactMapValues { $0 }
        }
        let before = try statistics(base)
        let after = try statistics(slow)
        let slowed = before.keys.filter { name in after[name].map { $0 / before[name]! - 1 > 0.05 } ?? false }
        try #require(!slowed.isEmpty, "the slow run is slower")

        let outcome = try LensGateBinary.run(["check", fixture(slow), "--baseline", fixture(base), "--markdown", "/dev/null"])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("aggregate only, no per-request data"))
        for name in slowed {
            let line = outcome.stderr.split(separator: "\n").first { $0.contains("· \(name): rose") }
            #expect(line?.hasPrefix("  !") == true, "\(name): \(outcome.stderr)")
            #expect(line?.contains("threshold only") == true)
        }
        #expect(!outcome.stderr.contains("✗"))
    }

    /// A quality gate on an aggregate statistic is a real limit: breaking it fails the check.
    @Test(arguments: ["aiperf/base-aggregate.json", "llmperf/base_summary.json"])
    func aQualityGateOnAnAggregateStatisticFails(file: String) throws {
        let directory = Scratch.directory()
        try "gate:\n  quality_gates: [\"ttft_ms_p95 < 1ms\"]\n".write(
            to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(["check", fixture(file), "--no-baseline", "--markdown", "/dev/null"], in: directory)
        #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("gate: ttft_ms_p95 < 1ms: ttft_ms_p95 is"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("breaking < 1 ms"), "\(outcome.stderr)")
    }
}
