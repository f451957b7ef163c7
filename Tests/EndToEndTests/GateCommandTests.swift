import Foundation
import TestSupport
import Testing

/// The default command (run + check) through the binary, against the embedded simulator:
/// a pass, a regression made with --slowdown, a fingerprint mismatch, and a benchmark that cannot run.
@Suite(.serialized) struct GateCommandTests {
    /// A fast config: the embedded simulator with short latencies, one small scenario.
    static let config = """
        targets:
          sim:
            provider: simulator
            model: sim-test
            simulator: {ttft_ms: 60, itl_ms: 10, jitter: 0.15, tokens: 8, seed: 3}
        workloads:
          chat: {synthetic: {input_tokens: 32, output_tokens: 8}, max_tokens: 8}
        scenarios:
          - name: chat
            target: sim
            workload: chat
            load: {concurrency: 4, requests: 80, warmup: 2}
        """

    func workspace() throws -> URL {
        let directory = Scratch.directory()
        try Self.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func recordsABaselineThenPassesAndCatchesASlowdown() throws {
        let directory = try workspace()
        let run = try LensGateBinary.run(["run", "--output", "base.json", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let update = try LensGateBinary.run(
            [
                "baseline", "update", "--baseline", "baselines/main.json", "--from", "base.json",
                "--min-requests", "50",
            ], in: directory)
        #expect(update.status == 0, "\(update.stderr)")
        let baseline = try String(contentsOf: directory.appendingPathComponent("baselines/main.json"), encoding: .utf8)
        #expect(baseline.contains("\"fingerprint\""))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("baselines/history/main.jsonl").path))

        // The same simulator again: real sleeps on a shared machine move tail latencies by tens
        // of percent under load, so this unchanged run is gated at 50%, which 2x still exceeds.
        let pass = try LensGateBinary.run(["--baseline", "baselines/main.json", "--threshold", "50", "--quiet"], in: directory)
        #expect(pass.status == 0, "\(pass.stdout)\n\(pass.stderr)")
        #expect(pass.stdout.hasPrefix("### ✅"))

        // Everything twice as slow, no history: nearly every check moved together, which one job
        // cannot tell from a slower runner — inconclusive warnings, exit 0 (docs/noise-model.md).
        let everything = try LensGateBinary.run(
            [
                "--baseline", "baselines/main.json", "--threshold", "25", "--slowdown", "2",
                "--quiet",
            ], in: directory)
        #expect(everything.status == 0, "\(everything.stdout)\n\(everything.stderr)")
        #expect(everything.stdout.contains("inconclusive"))
        #expect(everything.stdout.contains("checks moved the same way"))

        // Gating TTFT alone, the same slowdown is no shift of nearly every check: it fails.
        try (Self.config + "\ngate: {rules: [ttft_ms.p50]}\n").write(
            to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let slow = try LensGateBinary.run(
            [
                "--baseline", "baselines/main.json", "--threshold", "25", "--slowdown", "2",
                "--quiet", "--junit", "junit.xml",
            ], in: directory)
        #expect(slow.status == 1, "\(slow.stdout)\n\(slow.stderr)")
        #expect(slow.stdout.contains("ttft_ms.p50"))
        let junit = try String(contentsOf: directory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))

        // Another workload is another benchmark: the comparison is refused (exit 4) before
        // benchmarking, naming the field that differs, unless allowed.
        let changed = Self.config.replacingOccurrences(of: "requests: 80", with: "requests: 60")
        try changed.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let refused = try LensGateBinary.run(["--baseline", "baselines/main.json", "--quiet"], in: directory)
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.contains("different setup: scenario "), "\(refused.stderr)")
        #expect(refused.stderr.contains(": load.requests: 80 → 60; nothing was benchmarked"), "\(refused.stderr)")
        // Allowed, the comparison runs and warns; it gates the error rate alone, which a
        // faultless simulator keeps at zero however loaded the machine is (the verdict is
        // not what this step tests).
        try (changed + "\ngate: {rules: [error_rate]}\n").write(
            to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let allowed = try LensGateBinary.run(
            [
                "--baseline", "baselines/main.json", "--threshold", "25", "--quiet",
                "--allow-fingerprint-mismatch",
            ], in: directory)
        #expect(allowed.status == 0, "\(allowed.stdout)\n\(allowed.stderr)")
        #expect(allowed.stdout.contains("compared despite a different fingerprint"))
    }

    @Test func missingConfigAndUnreachableEndpoint() throws {
        let empty = Scratch.directory()
        let noConfig = try LensGateBinary.run(["--baseline", "b.json"], in: empty)
        #expect(noConfig.status == 2)
        #expect(noConfig.stderr.contains("lens-gate.yaml: config file not found"))

        // A closed port on 127.0.0.1: the benchmark cannot run (exit 3), naming target and URL.
        let directory = Scratch.directory()
        let unreachable = """
            targets:
              local: {provider: custom, base_url: "http://127.0.0.1:9/v1", model: m}
            workloads:
              chat: {prompt: hello, max_tokens: 4}
            scenarios:
              - {name: chat, target: local, workload: chat, load: {concurrency: 1, requests: 3, timeout: 2}}
            """
        try unreachable.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(["--baseline", "b.json", "--quiet"], in: directory)
        #expect(outcome.status == 3, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("127.0.0.1:9"))
    }
}
