import Simulator

/// A profile with constant latencies, for tests that need exact numbers.
func constantProfile(
    ttft: Duration = .milliseconds(2), gap: Duration = .milliseconds(1), tokens: Int = 8, tokensPerChunk: Int = 1
) throws -> LatencyProfile {
    try LatencyProfile(
        timeToFirstToken: .constant(ttft), interChunk: .constant(gap), tokensPerChunk: tokensPerChunk,
        outputLength: .fixed(tokens))
}

/// A configuration with one known model, `sim-model`, and one thread.
func testConfiguration(
    profile: LatencyProfile? = nil, seed: UInt64 = 7, faults: FaultInjection = .none, slowdown: Slowdown = .none,
    truthLogPath: String? = nil, threads: Int = 1
) throws -> SimulatorConfiguration {
    let p = try profile ?? constantProfile()
    return SimulatorConfiguration(
        threads: threads, seed: seed, profiles: ["sim-model": p], defaultProfile: p, unknownModels: .reject,
        slowdown: slowdown, faults: faults, truthLogPath: truthLogPath)
}

/// Runs `body` against a started simulator and stops it afterwards, even when `body` throws.
func withSimulator<T>(
    _ configuration: SimulatorConfiguration, _ body: (SimulatorServer) async throws -> T
) async throws -> T {
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
