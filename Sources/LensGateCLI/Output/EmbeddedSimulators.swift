import Foundation
import LensCore
import Simulator

/// Starts lens-gate's simulator in-process for every `provider: simulator` target and points the
/// targets at it, so that the README's main job and CI dogfooding need no API key and no network.
final class EmbeddedSimulators {
    private var servers: [SimulatorServer] = []

    /// Starts one server per simulator target and rewrites their base URLs; `slowdown` (when
    /// given) multiplies the own slowdown of each target (of those in `slowed`, when given), to fake a regression.
    /// Each shard of a sharded run draws from its own seed: with the config's seed everywhere, every
    /// shard would replay the same latencies and the merged file would count them several times.
    static func start(
        for config: inout BenchConfig, slowdown: Double?, only slowed: Set<String>? = nil, shard: Shard? = nil
    ) async throws -> EmbeddedSimulators {
        let embedded = EmbeddedSimulators()
        for index in config.targets.indices where config.targets[index].provider == .simulator {
            var behaviour = config.targets[index].simulator ?? SimulatedEndpoint()
            if let slowdown, slowed?.contains(config.targets[index].name) ?? true { behaviour.slowdown *= slowdown }
            if let shard { behaviour.seed = shard.seed(behaviour.seed) }
            let server: SimulatorServer
            do {
                // One event-loop thread: the runner needs the other core (the simulator's own default).
                server = try await SimulatorServer.start(try configuration(behaviour))
            } catch let error as SimulatorError {
                await embedded.stop()
                throw SimulatorFailure(error: error)
            }
            embedded.servers.append(server)
            config.targets[index].baseURL = server.baseURL + "/v1"
        }
        return embedded
    }

    /// Stops every server (idempotent).
    func stop() async {
        for server in servers { try? await server.stop() }
        servers.removeAll()
    }

    private static func configuration(_ behaviour: SimulatedEndpoint) throws -> SimulatorConfiguration {
        let profile = try LatencyProfile(
            timeToFirstToken: try .milliseconds(median: behaviour.ttftMs, jitter: behaviour.jitter, name: "simulator ttft_ms"),
            interChunk: try .milliseconds(median: behaviour.itlMs, jitter: behaviour.jitter, name: "simulator itl_ms"),
            tokensPerChunk: behaviour.tokensPerChunk, outputLength: .fixed(behaviour.tokens), decodeSpread: behaviour.decodeSpread)
        return SimulatorConfiguration(
            port: 0, threads: 1, seed: behaviour.seed, defaultProfile: profile,
            unknownModels: .serveWithDefaultProfile, slowdown: try Slowdown(overall: behaviour.slowdown))
    }
}
