import Simulator

extension SimulatorServer {
    /// Starts a simulator with `configuration`, runs `body` with it, and stops it whether or not `body` throws.
    static func serving<T>(_ configuration: SimulatorConfiguration, _ body: (SimulatorServer) throws -> T) async throws -> T {
        let server = try await SimulatorServer.start(configuration)
        do {
            let result = try body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }
}
