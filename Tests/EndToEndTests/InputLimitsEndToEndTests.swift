import Foundation
import TestSupport
import Testing

/// Through the real binary: every numeric flag outside its documented range is a usage error
/// (exit 2, one line naming the flag, the range and the value) — several of these used to trap —
/// and a config that `run` would refuse is refused by `validate` with the same located message.
@Suite struct InputLimitsEndToEndTests {
    static let results = LensGateBinary.fixture("unchanged.json")
    static let baseline = LensGateBinary.fixture("baseline.json")

    @Test(arguments: [
        (["check", results, "--baseline", baseline, "--alpha", "1e-17"], "--alpha must be between 1e-06 and 0.5, found 1e-17"),
        (["check", results, "--baseline", baseline, "--threshold", "1e400"], "--threshold must be between 0 and 10000, found inf"),
        (["sim", "--ttft-ms", "nan"], "--ttft-ms must be greater than 0 and at most 3600000, found nan"),
        (["sim", "--ttft-ms", "inf"], "--ttft-ms must be greater than 0 and at most 3600000, found inf"),
        (["sim", "--itl-ms", "1e308"], "--itl-ms must be greater than 0 and at most 3600000, found 1e+308"),
        (
            ["sim", "--tokens-per-chunk", "9223372036854775807"],
            "--tokens-per-chunk must be between 1 and 1000000, found 9223372036854775807"
        ),
        (["sim", "--tokens", "0"], "--tokens must be between 1 and 1000000, found 0"),
        (["sim", "--threads", "4294967296"], "--threads must be between 1 and 256, found 4294967296"),
        (["sim", "--port", "70000"], "--port must be between 0 and 65535, found 70000"),
        (["sim", "--jitter", "nan"], "--jitter must be between 0 and 3, found nan"),
        (["sim", "--slowdown", "0"], "--slowdown must be greater than 0 and at most 1000, found 0"),
        (["sim", "--fault-429", "2"], "--fault-429 must be between 0 and 1, found 2"),
        (["run", "--slowdown", "1e309"], "--slowdown must be greater than 0 and at most 1000, found inf"),
        (["ab", "--block-size", "0"], "--block-size must be between 1 and 10000, found 0"),
        (["trend", "--history", "h.jsonl", "--window", "1000000"], "--window must be between 3 and 1000, found 1000000"),
        (["baseline", "update", "--baseline", "b.json", "--history-limit", "0"], "--history-limit must be between 1 and 10000, found 0"),
        (["baseline", "validate", baseline, "--max-error-rate", "nan"], "--max-error-rate must be between 0 and 1, found nan"),
        (["baseline", "validate", baseline, "--min-requests=-1"], "--min-requests must be between 1 and 10000000, found -1"),
        (["baseline", "validate", baseline, "--max-drift=-1"], "--max-drift must be between 0 and 10000, found -1"),
        (["comment", "github", "--markdown", "x.md", "--pr", "0"], "--pr must be between 1 and 9223372036854775807, found 0"),
        (["comment", "gitlab", "--markdown", "x.md", "--mr=-4"], "--mr must be between 1 and 9223372036854775807, found -4"),
    ])
    func outOfRangeFlagsAreUsageErrors(arguments: [String], message: String) throws {
        let outcome = try LensGateBinary.run(arguments)
        #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(lines.first?.hasPrefix("lens-gate: error: \(message)") == true, "\(outcome.stderr)")
    }

    /// What `run` would refuse, `validate` refuses, with the same file:line:column and range.
    @Test(arguments: [
        (
            "targets:\n  sim: {provider: simulator, model: m, simulator: {ttft_ms: 1e15}}\n",
            "lens-gate.yaml:2:61: targets.sim.simulator.ttft_ms: must be greater than 0 and at most 3600000, found 1000000000000000"
        ),
        ("gate:\n  alpha: 0.00000000000000001\n", "lens-gate.yaml:2:10: gate.alpha: must be between 1e-06 and 0.5, found 1e-17"),
        (
            "targets:\n  sim: {provider: simulator, model: m}\nworkloads:\n  w: {synthetic: {input_tokens: 1e9}}\n",
            "lens-gate.yaml:4:33: workloads.w.synthetic.input_tokens: must be between 1 and 1000000, found 1000000000"
        ),
    ])
    func validateRefusesWhatRunWould(config: String, message: String) throws {
        let directory = Scratch.directory()
        try Data(config.utf8).write(to: directory.appendingPathComponent("lens-gate.yaml"))
        for command in [["validate"], ["run"]] {
            let outcome = try LensGateBinary.run(command, in: directory)
            #expect(outcome.status == 2, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr == "lens-gate: error: \(message)\n", "\(command)")
        }
    }

    /// A history statistic of 1e308 crashed `trend`, `baseline show` and `check --history`.
    @Test func hugeHistoryStatisticsAreInputErrors() throws {
        let directory = Scratch.directory()
        let line = { (p50: String) in #"{"schema_version": 1, "scenarios": {"chat": {"ttft_ms": {"n": 10, "mean": 100, "p50": \#(p50)}}}}"#
        }
        try Data([line("100"), line("101"), line("1e308"), line("102")].joined(separator: "\n").utf8)
            .write(to: directory.appendingPathComponent("h.jsonl"))
        let message = "lens-gate: error: h.jsonl:3:87: scenarios.chat.ttft_ms.p50: must be between -1e+18 and 1e+18, found 1e+308\n"
        for command in [
            ["trend", "--history", "h.jsonl"], ["baseline", "show", Self.baseline, "--history", "h.jsonl"],
            ["check", Self.results, "--baseline", Self.baseline, "--history", "h.jsonl"],
        ] {
            let outcome = try LensGateBinary.run(command, in: directory)
            #expect(outcome.status == 2, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr == message, "\(command)")
        }
    }
}
