import Foundation
import Testing

@testable import LensCore

/// Every numeric input has a documented range, checked where it is read: values that used to pass
/// `validate` and then trap in `run` or `check` (an integer conversion, an unordered range, an
/// allocation of gigabytes) are refused with the field, its position and the range.
@Suite struct InputLimitsTests {
    func failure(_ yaml: String) -> FieldError? {
        do {
            _ = try LensConfig(yaml: yaml)
            return nil
        } catch {
            return error
        }
    }

    static let target = "targets:\n  t: {provider: vllm, model: m}\n"
    static let workload = "workloads:\n  w: {prompt: hi}\n"
    static func scenario(load: String) -> String {
        target + workload + "scenarios:\n  - {name: s, target: t, workload: w, load: \(load)}\n"
    }

    @Test(arguments: [
        ("gate:\n  alpha: 1e-17\n", "gate.alpha", "must be between 1e-06 and 0.5, found 1e-17"),
        ("gate:\n  confirm: {screening_alpha: 0.9}\n", "gate.confirm.screening_alpha", "must be between 1e-06 and 0.5"),
        ("gate:\n  rules: [{metric: ttft_ms.p95, alpha: 0}]\n", "gate.rules[0].alpha", "must be between 1e-06 and 0.5, found 0"),
        ("gate:\n  scenarios: {s: {alpha: 1e-300}}\n", "gate.scenarios.s.alpha", "must be between 1e-06 and 0.5"),
        ("gate:\n  confidence: 0.999999999\n", "gate.confidence", "must be between 0.5 and 0.9999"),
        (
            "targets:\n  t: {provider: simulator, model: m, simulator: {ttft_ms: 1e15}}\n", "targets.t.simulator.ttft_ms",
            "must be greater than 0 and at most 3600000, found 1000000000000000"
        ),
        ("targets:\n  t: {provider: simulator, model: m, simulator: {itl_ms: 1e300}}\n", "targets.t.simulator.itl_ms", "at most 3600000"),
        (
            "targets:\n  t: {provider: simulator, model: m, simulator: {tokens_per_chunk: 9223372036854775807}}\n",
            "targets.t.simulator.tokens_per_chunk", "expected a whole number"
        ),
        (
            "targets:\n  t: {provider: simulator, model: m, simulator: {tokens: 1e9}}\n", "targets.t.simulator.tokens",
            "must be between 1 and 1000000, found 1000000000"
        ),
        ("targets:\n  t: {provider: simulator, model: m, simulator: {slowdown: 1e300}}\n", "targets.t.simulator.slowdown", "at most 1000"),
        (
            "workloads:\n  w: {synthetic: {input_tokens: 1e9}}\n", "workloads.w.synthetic.input_tokens",
            "must be between 1 and 1000000, found 1000000000"
        ),
        (
            "workloads:\n  w: {synthetic: {input_tokens: 10, output_tokens: 2e6}}\n", "workloads.w.synthetic.output_tokens",
            "between 1 and 1000000"
        ),
        ("workloads:\n  w: {prompt: hi, max_tokens: 8e15}\n", "workloads.w.max_tokens", "between 1 and 1000000"),
        ("workloads:\n  w: {prompt: hi, temperature: 3}\n", "workloads.w.temperature", "must be between 0 and 2, found 3"),
        ("pricing:\n  m: {input_per_million: 1e300}\n", "pricing.m.input_per_million", "must be between 0 and 1000000"),
        (
            "run:\n  load: {duration: 1e300}\n", "run.load.duration",
            "must be greater than 0 and at most 604800 seconds (7 days), found '1e300'"
        ),
        ("run:\n  load: {timeout: 2000000h}\n", "run.load.timeout", "at most 86400 seconds (1 day)"),
        ("run:\n  load: {rate: 1e-300}\n", "run.load.rate", "must be between 0.001 and 100000"),
        ("run:\n  load: {concurrency: 1e9}\n", "run.load.concurrency", "must be between 1 and 10000, found 1000000000"),
        ("run:\n  load: {mode: open, rate: 1, burstiness: 1e-300}\n", "run.load.burstiness", "must be between 0.01 and 100"),
        ("run:\n  load: {mode: open, rate: 1, arrival: burst, burst_size: 1e9}\n", "run.load.burst_size", "between 1 and 10000"),
        ("run:\n  load: {requests: 1e12}\n", "run.load.requests", "between 1 and 10000000"),
        ("run:\n  load: {warmup: 1e12}\n", "run.load.warmup", "between 0 and 1000000"),
        ("run:\n  load: {max_in_flight: 1e12}\n", "run.load.max_in_flight", "between 0 and 100000"),
        ("run:\n  abort: {min_requests: 0}\n", "run.abort.min_requests", "between 1 and 10000000, found 0"),
        ("run:\n  seed: -1\n", "run.seed", "must be between 0 and 9000000000000000, found -1"),
        (
            target + workload + "scenarios:\n  - {name: s, target: t, baseline_target: t, workload: w, block_size: 1e9}\n",
            "scenarios[0].block_size", "between 1 and 10000"
        ),
        ("gate:\n  quality_gates: [\"ttft_ms.p95 < 1e300s\"]\n", "gate.quality_gates[0]", "must be between -1e+18 and 1e+18"),
        ("gate:\n  budgets: [{metric: e2e_ms.p95, budget: 1e300}]\n", "gate.budgets[0].budget", "must be between -1e+18 and 1e+18"),
        ("gate:\n  rules: [ttft_ms.p99.9999]\n", "gate.rules[0]", "pNN from p0.001 to p99.999"),
        ("gate:\n  quality_gates: [\"ttft_ms.p99.9999 < 5\"]\n", "gate.quality_gates[0]", "pNN from p0.001 to p99.999"),
    ])
    func outOfRangeConfigValuesNameTheFieldAndTheRange(yaml: String, field: String, reason: String) {
        let error = failure(yaml)
        #expect(error != nil, "accepted: \(yaml)")
        #expect(error?.path.description == field, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect((error?.position.line ?? 0) > 0, "the error names a line")
    }

    @Test func valuesAtTheBoundsAreAccepted() throws {
        let config = try LensConfig(
            yaml: """
                gate: {alpha: 0.000001, confidence: 0.9999, rules: [ttft_ms.p99.999, ttft_ms.p0.001]}
                targets:
                  t: {provider: simulator, model: m, simulator: {ttft_ms: 3600000, tokens: 1000000, tokens_per_chunk: 1000000, slowdown: 1000}}
                workloads:
                  w: {synthetic: {input_tokens: 1000000, output_tokens: 1000000}}
                scenarios:
                  - {name: s, target: t, workload: w, load: {concurrency: 10000, requests: 10000000, duration: 7d, timeout: 1d}}
                """.replacingOccurrences(of: "7d", with: "604800").replacingOccurrences(of: "1d", with: "24h"))
        #expect(config.gate.alpha == 0.000001)
        #expect(config.bench.targets[0].simulator?.ttftMs == 3_600_000)
        #expect(config.bench.scenarios[0].load.durationSeconds == 604_800)
        #expect(config.bench.scenarios[0].load.timeoutSeconds == 86_400)
    }

    /// The resample count used to convert 10·checks/alpha to an Int: alpha = 1e-17 trapped.
    @Test(arguments: [1e-17, 1e-300, 0, Double.nan, Double.leastNonzeroMagnitude])
    func resampleCountCannotOverflow(alpha: Double) {
        let config = GateConfig()
        #expect(config.resamples(forChecks: 40, alpha: alpha) == GateConfig.maximumResamples)
        #expect(config.resamples(forChecks: Int.max, alpha: alpha) == GateConfig.maximumResamples)
    }

    @Test func resampleCountGrowsWithChecksUpToTheCap() {
        let config = GateConfig()
        #expect(config.resamples(forChecks: 1, alpha: 0.02) == config.bootstrapResamples)
        #expect(config.resamples(forChecks: 10, alpha: 0.02) == 5_000)
        #expect(config.resamples(forChecks: 1_000, alpha: 0.02) == GateConfig.maximumResamples)
    }

    @Test func rangesRefuseNaNAndInfinities() {
        let range = InputLimits.simulatedLatencyMs
        #expect(!range.contains(.nan))
        #expect(!range.contains(.infinity))
        #expect(!range.contains(-.infinity))
        #expect(!range.contains(0))
        #expect(range.contains(.leastNonzeroMagnitude))
        #expect(range.contains(3_600_000))
        #expect(range.violation(.nan) == "must be greater than 0 and at most 3600000, found nan")
        #expect(InputLimits.tokens.description == "between 1 and 1000000")
    }

    @Test func saturatingConversionNeverTraps() {
        #expect(Int64(saturating: .nan) == 0)
        #expect(Int64(saturating: .infinity) == .max)
        #expect(Int64(saturating: -.infinity) == .min)
        #expect(Int64(saturating: 1e19) == .max)
        #expect(Int64(saturating: 9_223_372_036_854_775_807.0) == .max)
        #expect(Int32(saturating: -3e9) == .min)
        #expect(Int(saturating: 41.9) == 41)
        #expect(Int(saturating: -41.9) == -41)
        #expect(UInt8(saturating: -1) == 0)
    }
}
