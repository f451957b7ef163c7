import Bench
import Foundation
import LensCore
import Simulator
import Testing

/// `engine_metrics` against the simulator's `/metrics`: the runner scrapes the page before and
/// after the measured phase and records the figures as declared per-scenario metrics; a page
/// that cannot be read is a warning, never a failed run.
@Suite(.serialized) struct EngineMetricsRunTests {
    static func config(_ server: SimulatorServer, engineMetrics: String, load: String) throws -> BenchConfig {
        try LensConfig(
            yaml: """
                targets:
                  sim: {provider: custom, base_url: "\(server.baseURL)/v1", model: sim-model, engine_metrics: \(engineMetrics)}
                workloads:
                  w: {prompt: "Tell me something", max_tokens: 64, stream: true}
                scenarios:
                  - {name: s, target: sim, workload: w, load: \(load)}
                """
        ).bench
    }

    @Test func figuresOfTheMeasuredRequestsBecomeDeclaredValues() async throws {
        let simulator = try Harness.simulator(profile: Harness.profile(ttftMs: 25, gapMs: 1, tokens: 6))
        let outcome = try await Harness.withSimulator(simulator) { server in
            // Unmeasured traffic before the scenario: the page before counts it, so the figures do not.
            for _ in 0..<3 {
                _ = try await Harness.run(try Self.config(server, engineMetrics: "false", load: "{requests: 1}"))
            }
            return try await Harness.run(
                try Self.config(
                    server, engineMetrics: "{include: [\"vllm:request_success_total\", \"vllm:generation_tokens\"]}",
                    load: "{requests: 7, concurrency: 2}"))
        }
        #expect(outcome.failure == nil)
        let scenario = try #require(outcome.results.scenarios.first)
        func value(_ name: String) -> Double? { outcome.results.metrics.metric(named: name).flatMap { scenario.values[$0] } }
        #expect(value("engine_vllm_request_success") == 7)
        #expect(value("engine_vllm_generation_tokens") == 42)
        #expect(value("engine_vllm_preemptions") == 0)
        #expect(value("engine_vllm_requests_waiting") == 0)
        let ttft = try #require(value("engine_vllm_ttft_ms_mean"))
        #expect(ttft >= 25)
        let p95 = try #require(value("engine_vllm_ttft_ms_p95"))
        #expect(p95 > 20)
        let declared = try #require(outcome.results.metrics.metric(named: "engine_vllm_ttft_ms_p95"))
        #expect(declared.unit == .milliseconds && declared.direction == .lowerIsBetter && declared.granularity == .perScenario)
        #expect(outcome.results.metrics.metric(named: "engine_vllm_request_success")?.unit.rawValue == "count")
        // The values survive the results file.
        let decoded = try Results(json: try JSONParser.parse(ResultsFile.encode(outcome.results)))
        #expect(decoded.scenarios.first?.values == scenario.values)
    }

    /// An interleaved A/B scenario: each side's figures come from its own target's page.
    @Test func eachInterleavedSideReadsItsOwnPage() async throws {
        let fast = try Harness.simulator(profile: Harness.profile(ttftMs: 5, gapMs: 1, tokens: 4))
        let slow = try Harness.simulator(profile: Harness.profile(ttftMs: 45, gapMs: 1, tokens: 4))
        let outcome = try await Harness.withSimulator(fast) { base in
            try await Harness.withSimulator(slow) { cand in
                try await Harness.run(
                    try LensConfig(
                        yaml: """
                            targets:
                              base: {provider: custom, base_url: "\(base.baseURL)/v1", model: sim-model, engine_metrics: {include: ["vllm:request_success"]}}
                              cand: {provider: custom, base_url: "\(cand.baseURL)/v1", model: sim-model, engine_metrics: {include: ["vllm:request_success"]}}
                            workloads:
                              w: {prompt: "Hi", max_tokens: 8}
                            scenarios:
                              - {name: ab, target: cand, baseline_target: base, block_size: 2, workload: w, load: {requests: 6, concurrency: 1}}
                            """
                    ).bench)
            }
        }
        #expect(outcome.failure == nil)
        let metrics = outcome.results.metrics
        let sides = outcome.results.scenarios
        #expect(sides.count == 2)
        func value(_ side: Int, _ name: String) -> Double? { metrics.metric(named: name).flatMap { sides[side].values[$0] } }
        #expect(value(0, "engine_vllm_request_success") == 6)
        #expect(value(1, "engine_vllm_request_success") == 6)
        let candidateTTFT = try #require(value(0, "engine_vllm_ttft_ms_mean"))
        let baselineTTFT = try #require(value(1, "engine_vllm_ttft_ms_mean"))
        #expect(candidateTTFT >= 45 && baselineTTFT < candidateTTFT, "candidate \(candidateTTFT) ms, baseline \(baselineTTFT) ms")
    }

    @Test func anUnreadablePageIsAWarning() async throws {
        let warnings = WarningLog()
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            try await Harness.run(
                try Self.config(server, engineMetrics: "{url: \"\(server.baseURL)/no-metrics-here\"}", load: "{requests: 3}"),
                observer: { event in if case .warning(let text) = event { warnings.append(text) } })
        }
        #expect(outcome.failure == nil)
        #expect(outcome.results.scenarios.first?.values.isEmpty == true)
        #expect(outcome.results.metrics.declaredMetrics.isEmpty)
        let lines = warnings.lines
        #expect(
            lines.contains {
                $0.contains("scenario 's': target 'sim': engine metrics before the measured phase could not be read (HTTP 404)")
            })
        #expect(lines.contains { $0.contains("after the measured phase could not be read (HTTP 404); none are recorded") })
    }
}

/// Warnings collected from the observer (called from the runner's threads).
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
