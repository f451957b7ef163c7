import Foundation
import TestSupport
import Testing

/// Goodput through the binary: an SLO in the config, a run whose results carry the good count,
/// and a slowed candidate that fails on goodput because the SLO sits between the two latencies;
/// `--slo` on `import` and `check` of another tool's files.
@Suite(.serialized) struct GoodputCommandTests {
    /// The simulator's TTFT is about 60 ms (jitter 0.15: 99.99% under 110 ms); slowed 3x it is
    /// about 180 ms (99.9% over 110 ms), so the 110 ms SLO separates the two runs.
    static let config = """
        slo: {ttft_ms: 110}
        targets:
          sim:
            provider: simulator
            model: sim-test
            simulator: {ttft_ms: 60, itl_ms: 5, jitter: 0.15, tokens: 4, seed: 5}
        workloads:
          chat: {synthetic: {input_tokens: 32, output_tokens: 4}, max_tokens: 4}
        scenarios:
          - name: chat
            target: sim
            workload: chat
            load: {concurrency: 4, requests: 60, warmup: 2}
        gate: {rules: [goodput]}
        """

    @Test func aSlowedCandidateFailsOnGoodput() throws {
        let directory = Scratch.directory()
        try Self.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let validate = try LensGateBinary.run(["validate"], in: directory)
        #expect(validate.stdout.contains("scenario chat: goodput under ttft_ms ≤ 110 ms"), "\(validate.stdout)")
        let run = try LensGateBinary.run(["run", "--output", "base.json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        // The end-of-run table has a goodput column when a scenario ran under an SLO.
        #expect((run.stdout + run.stderr).contains("goodput  tokens from"), "\(run.stdout)\n\(run.stderr)")
        let results = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("base.json"))) as? [String: Any])
        let scenario = try #require((results["scenarios"] as? [[String: Any]])?.first)
        let goodput = try #require(scenario["goodput"] as? [String: Any], "\(scenario.keys.sorted())")
        #expect((goodput["slo"] as? [String: Double]) == ["ttft_ms": 110])
        let requests = try #require((scenario["counts"] as? [String: Any])?["requests"] as? Int)
        let good = try #require(goodput["good"] as? Int)
        #expect(requests == 60)
        // Unloaded, the simulator meets a 110 ms TTFT almost always; a loaded machine adds delay,
        // so only a majority is asked for (the slowed run below has almost none either way).
        #expect(good > requests / 2, "\(good) of \(requests) good")

        let update = try LensGateBinary.run(
            ["baseline", "update", "--baseline", "baselines/main.json", "--from", "base.json", "--min-requests", "50"], in: directory)
        #expect(update.status == 0, "\(update.stderr)")

        let slow = try LensGateBinary.run(["--baseline", "baselines/main.json", "--slowdown", "3", "--quiet"], in: directory)
        #expect(slow.status == 1, "\(slow.stdout)\n\(slow.stderr)")
        #expect(slow.stdout.contains("goodput"))
        #expect(slow.stdout.contains("(fisher)"), "\(slow.stdout)")
        #expect(slow.stdout.contains("Goodput — chat: ttft_ms ≤ 110 ms ("), "\(slow.stdout)")

        // Another SLO is another benchmark: the baseline is refused (exit 4), naming the field.
        try Self.config.replacingOccurrences(of: "ttft_ms: 110}", with: "ttft_ms: 200}").write(
            to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let refused = try LensGateBinary.run(["--baseline", "baselines/main.json", "--quiet"], in: directory)
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.contains("slo.ttft_ms: 110 → 200"), "\(refused.stderr)")
    }

    private func fixture(_ relative: String) -> String { Repository.path("Tests/ImportTests/Fixtures/" + relative) }

    @Test func importAndCheckJudgeAnotherToolsFileUnderAnSLO() throws {
        let directory = Scratch.directory()
        let imported = try LensGateBinary.run(
            ["import", fixture("vllm/base.json"), "-o", "base.json", "--slo", "ttft_ms=55,tpot_ms=9ms"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let text = try String(contentsOf: directory.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(text.contains("\"goodput\""))

        // vLLM's base run has a median TTFT of about 46 ms, the slow one about 65 ms: under 55 ms,
        // the slow run has significantly fewer good requests.
        try "gate: {rules: [goodput]}\n".write(to: directory.appendingPathComponent("gate.yaml"), atomically: true, encoding: .utf8)
        let slower = try LensGateBinary.run(
            [
                "check", fixture("vllm/slow.json"), "--baseline", fixture("vllm/base.json"), "--config", "gate.yaml", "--slo", "ttft_ms=55",
                "--markdown", "-",
            ], in: directory)
        #expect(slower.status == 1, "\(slower.stdout)\n\(slower.stderr)")
        #expect(slower.stdout.contains("Goodput — vllm-bench-serve: ttft_ms ≤ 55 ms"), "\(slower.stdout)")

        // The config's top-level slo applies when --slo is not given.
        try "slo: {ttft_ms: 55}\ngate: {rules: [goodput]}\n".write(
            to: directory.appendingPathComponent("slo.yaml"), atomically: true, encoding: .utf8)
        let fromConfig = try LensGateBinary.run(
            ["check", fixture("vllm/slow.json"), "--baseline", fixture("vllm/base.json"), "--config", "slo.yaml", "--markdown", "-"],
            in: directory)
        #expect(fromConfig.status == 1, "\(fromConfig.stdout)\n\(fromConfig.stderr)")

        let bad = try LensGateBinary.run(["import", fixture("vllm/base.json"), "--slo", "ttft=55"], in: directory)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown SLO limit 'ttft' (did you mean 'ttft_ms'?)"), "\(bad.stderr)")
    }
}
