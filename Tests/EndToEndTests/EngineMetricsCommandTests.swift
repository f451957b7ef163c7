import Foundation
import LensCore
import Simulator
import TestSupport
import Testing

/// `engine_metrics: true` through the real binary against a simulator on 127.0.0.1: the run
/// records the engine's figures in results.json as declared per-scenario metrics, and a quality
/// gate that names one of them passes or fails on its value.
@Suite(.serialized) struct EngineMetricsCommandTests {
    static func workspace(_ server: SimulatorServer, gates: [String]) throws -> URL {
        let directory = Scratch.directory()
        let quoted = gates.map { "\"\($0)\"" }.joined(separator: ", ")
        let yaml = """
            targets:
              sim: {provider: custom, base_url: "\(server.baseURL)/v1", model: sim-model, engine_metrics: true}
            workloads:
              chat: {prompt: "Hello there", max_tokens: 16}
            scenarios:
              - {name: chat, target: sim, workload: chat, load: {requests: 6, concurrency: 2, warmup: 2}}
            gate:
              quality_gates: [\(quoted)]
            """
        try yaml.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func withSimulator<T>(_ body: (SimulatorServer) throws -> T) async throws -> T {
        let profile = try LatencyProfile(
            timeToFirstToken: .constant(.milliseconds(15)), interChunk: .constant(.milliseconds(1)), tokensPerChunk: 1,
            outputLength: .fixed(5))
        let configuration = SimulatorConfiguration(
            threads: 1, seed: 3, profiles: ["sim-model": profile], defaultProfile: profile, unknownModels: .reject)
        return try await SimulatorServer.serving(configuration, body)
    }

    @Test func validateShowsThePage() async throws {
        let (outcome, port) = try await Self.withSimulator { server in
            (try LensGateBinary.run(["validate"], in: try Self.workspace(server, gates: [])), server.port)
        }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            (outcome.stdout + outcome.stderr).contains(
                "engine metrics (before and after each measured phase): GET http://127.0.0.1:\(port)/metrics"),
            "\(outcome.stdout)\n\(outcome.stderr)")
    }

    @Test func runRecordsTheFiguresAndQualityGatesNameThem() async throws {
        let (run, passing, failing, results) = try await Self.withSimulator { server in
            let directory = try Self.workspace(server, gates: ["engine_vllm_preemptions <= 0", "engine_vllm_ttft_ms_p95 < 1000"])
            let run = try LensGateBinary.run(["run", "--quiet"], in: directory)
            let results = try String(contentsOf: directory.appendingPathComponent("results.json"), encoding: .utf8)
            let passing = try LensGateBinary.run(["check", "results.json", "--baseline", "results.json"], in: directory)
            // The same results against a limit the simulator's 15 ms TTFT cannot meet.
            let strict = try Self.workspace(server, gates: ["engine_vllm_ttft_ms_p95 < 5"])
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent("results.json"), to: strict.appendingPathComponent("results.json"))
            let failing = try LensGateBinary.run(["check", "results.json", "--baseline", "results.json"], in: strict)
            return (run, passing, failing, results)
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(results.contains(#""engine_vllm_ttft_ms_p95""#), "\(results)")
        #expect(results.contains(#""engine_vllm_preemptions":{"#) || results.contains(#""engine_vllm_preemptions": {"#), "\(results)")
        let root = try JSONParser.parse(Array(results.utf8))
        let parsed = try Results(json: root)
        let scenario = try #require(parsed.scenarios.first)
        let preemptions = try #require(parsed.metrics.metric(named: "engine_vllm_preemptions"))
        #expect(scenario.values[preemptions] == 0)
        let ttft = try #require(parsed.metrics.metric(named: "engine_vllm_ttft_ms_mean"))
        #expect((scenario.values[ttft] ?? 0) >= 15)
        #expect(passing.status == 0, "\(passing.stdout)\n\(passing.stderr)")
        #expect(failing.status == 1, "\(failing.stdout)\n\(failing.stderr)")
        #expect((failing.stdout + failing.stderr).contains("engine_vllm_ttft_ms_p95"), "\(failing.stdout)\n\(failing.stderr)")
    }
}
