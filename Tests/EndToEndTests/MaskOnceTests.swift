import Foundation
import TestSupport
import Testing

/// In GitHub Actions each credential is announced with `::add-mask::` once per process, however
/// many targets share it and however many confirmation reruns resolve the config again, and the
/// console hides it in every other line.
@Suite struct MaskOnceTests {
    static let key = "sk-sim-MASK-ONCE-0123456789"

    /// Two embedded simulators sharing one key; the candidate is slowed, so the gate reruns to confirm.
    static let config = """
        targets:
          base:
            provider: simulator
            model: sim-test
            api_key: ${SIM_KEY}
            simulator: {ttft_ms: 40, itl_ms: 5, jitter: 0, tokens: 4, seed: 3}
          cand:
            provider: simulator
            model: sim-test
            api_key: ${SIM_KEY}
            simulator: {ttft_ms: 40, itl_ms: 5, jitter: 0, tokens: 4, seed: 3}
        workloads:
          chat: {synthetic: {input_tokens: 16, output_tokens: 4}, max_tokens: 4}
        scenarios:
          - name: chat
            target: cand
            baseline_target: base
            workload: chat
            load: {concurrency: 4, requests: 40, warmup: 2}
        """

    @Test func aConfirmedRunMasksEachKeyOnce() throws {
        let directory = Scratch.directory()
        try Self.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(
            ["ab", "--slowdown", "2", "--quiet"], in: directory,
            environment: [
                "SIM_KEY": Self.key, "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": "",
                "GITHUB_STEP_SUMMARY": "",
            ])
        #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("confirming chat with"), "a confirmation rerun happened: \(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.filter { $0 == "::add-mask::\(Self.key)" }.count == 1, "\(outcome.stdout)")
        #expect(lines.filter { $0.contains(Self.key) }.count == 1)
        #expect(!outcome.stderr.contains(Self.key))
    }
}
