import Bench
import Foundation
import LensCore
import Simulator

/// Helpers that start the simulator in-process on 127.0.0.1 (port 0) and run the benchmark against it.
enum Harness {
    /// A constant-latency profile, so measurements can be compared with known numbers.
    static func profile(ttftMs: Int = 5, gapMs: Int = 2, tokens: Int = 8, tokensPerChunk: Int = 1) throws -> LatencyProfile {
        try LatencyProfile(
            timeToFirstToken: .constant(.milliseconds(ttftMs)), interChunk: .constant(.milliseconds(gapMs)),
            tokensPerChunk: tokensPerChunk, outputLength: .fixed(tokens))
    }

    /// A simulator configuration with one model, `sim-model`.
    static func simulator(
        profile: LatencyProfile? = nil, faults: FaultInjection = .none, seed: UInt64 = 7,
        threads: Int = 1
    ) throws -> SimulatorConfiguration {
        let p = try profile ?? Harness.profile()
        return SimulatorConfiguration(
            threads: threads, seed: seed, profiles: ["sim-model": p], defaultProfile: p,
            unknownModels: .reject, faults: faults)
    }

    /// Runs `body` against a started simulator and always stops it.
    static func withSimulator<T>(_ configuration: SimulatorConfiguration, _ body: (SimulatorServer) async throws -> T) async throws -> T {
        let server = try await SimulatorServer.start(configuration)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A one-scenario config against `baseURL` (YAML, so that the config reader is exercised too).
    static func config(
        baseURL: String, protocol wire: String = "openai-chat", stream: Bool = true, load: String = "{requests: 10, concurrency: 2}",
        extraTarget: String = "", extraWorkload: String = "", extra: String = ""
    ) throws -> BenchConfig {
        let yaml = """
            targets:
              sim:
                provider: custom
                protocol: \(wire)
                base_url: \(baseURL)
                model: sim-model
            \(extraTarget)
            workloads:
              w:
                prompt: "Hello there, how are you today?"
                max_tokens: 64
                stream: \(stream)
            \(extraWorkload)
            scenarios:
              - name: s
                target: sim
                workload: w
                load: \(load)
            \(extra)
            """
        return try LensConfig(yaml: yaml).bench
    }

    /// The base URL a protocol's paths hang under on the simulator.
    static func baseURL(_ server: SimulatorServer, for wire: WireProtocol) -> String {
        switch wire {
        case .openAIChat, .openAICompletions: server.baseURL + "/v1"
        default: server.baseURL
        }
    }

    /// Plans and runs a config.
    static func run(
        _ config: BenchConfig, environment: [String: String] = [:], stop: StopSignal = StopSignal(),
        observer: @escaping @Sendable (BenchEvent) -> Void = { _ in }
    ) async throws -> BenchOutcome {
        let benchmark = Benchmark(
            config: config, baseDirectory: FileManager.default.temporaryDirectory.path,
            environment: environment, askGit: false)
        let plans = try benchmark.plan()
        return await benchmark.run(plans, stop: stop, observer: observer)
    }
}
