import Bench
import LensCore
import Simulator

/// Starts the simulator in this process on 127.0.0.1 and builds benchmark configs against it.
struct SimulatorHost {
    let server: SimulatorServer

    /// Starts a simulator serving `profile` for model `sim-model`.
    static func start(_ profile: LatencyProfile, threads: Int = 1, seed: UInt64 = 1) async throws -> SimulatorHost {
        let configuration = SimulatorConfiguration(
            threads: threads, seed: seed, profiles: ["sim-model": profile], defaultProfile: profile,
            truthMemoryLimit: 200_000)
        return SimulatorHost(server: try await SimulatorServer.start(configuration))
    }

    /// A profile with constant or log-normal latencies (milliseconds).
    static func profile(ttftMs: Double, gapMs: Double, tokens: Int, sigma: Double = 0) throws -> LatencyProfile {
        func latency(_ ms: Double) throws -> LatencyDistribution {
            let duration = Duration.nanoseconds(Int64(ms * 1e6))
            return sigma > 0 ? try .logNormal(median: duration, sigma: sigma) : try .constant(duration)
        }
        return try LatencyProfile(timeToFirstToken: try latency(ttftMs), interChunk: try latency(gapMs), outputLength: .fixed(tokens))
    }

    /// A one-scenario benchmark config (OpenAI chat) with the given load.
    func config(load: LoadConfig, stream: Bool, maxTokens: Int) -> BenchConfig {
        let target = TargetConfig(
            name: "sim", provider: .custom, wireProtocol: .openAIChat, baseURL: server.baseURL + "/v1",
            model: "sim-model", healthCheck: false)
        let workload = WorkloadConfig(name: "w", source: .fixed("Say something short."), maxTokens: maxTokens, stream: stream)
        let scenario = ScenarioConfig(
            name: "bench", target: "sim", workload: "w", load: load,
            abort: AbortPolicy(maxErrorRate: 0.5, minRequests: 1000))
        return BenchConfig(targets: [target], workloads: [workload], scenarios: [scenario])
    }

    /// Runs a config and returns the outcome.
    func run(_ config: BenchConfig, observer: @escaping @Sendable (BenchEvent) -> Void = { _ in }) async throws -> BenchOutcome {
        let benchmark = Benchmark(config: config, baseDirectory: ".", environment: [:], askGit: false)
        return await benchmark.run(try benchmark.plan(), observer: observer)
    }

    func stop() async throws { try await server.stop() }
}
