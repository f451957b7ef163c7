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
}
