import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A running simulator: simulated LLM endpoints (OpenAI, Anthropic, Ollama, TGI) served over
/// HTTP/1.1 with SwiftNIO, with latencies, faults and a truth log as configured.
///
/// ```swift
/// let server = try await SimulatorServer.start(SimulatorConfiguration(seed: 42))
/// // POST http://127.0.0.1:\(server.port)/v1/chat/completions …
/// let records = server.truth()
/// try await server.stop()
/// ```
/// Always call `stop()`: it closes the connections, stops the threads and closes the truth log.
public final class SimulatorServer: Sendable {
    /// The address the simulator listens on.
    public let host: String
    /// The port the simulator listens on (the one picked when the configuration said 0).
    public let port: Int

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let core: SimulatorCore
    private let flushTask: RepeatedTask?
    private let stopped = NIOLockedValueBox(false)

    private init(
        host: String, port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, core: SimulatorCore,
        flushTask: RepeatedTask?
    ) {
        self.host = host
        self.port = port
        self.group = group
        self.channel = channel
        self.core = core
        self.flushTask = flushTask
    }

    /// Validates the configuration, opens the truth log and starts listening.
    public static func start(_ configuration: SimulatorConfiguration) async throws(SimulatorError) -> SimulatorServer {
        try configuration.validate()
        let truth = try TruthLog(path: configuration.truthLogPath, memoryLimit: configuration.truthMemoryLimit)
        let core = SimulatorCore(configuration: configuration, truth: truth)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try sync.addHandler(RequestHandler(core: core))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            try? truth.close()
            throw .bindFailed(host: configuration.host, port: configuration.port, cause: "\(error)")
        }
        let port = channel.localAddress?.port ?? configuration.port
        // Push truth lines to the file regularly so that a reader sees them while the simulator runs.
        let flushTask: RepeatedTask? =
            configuration.truthLogPath == nil
            ? nil
            : group.next().scheduleRepeatedTask(initialDelay: .milliseconds(200), delay: .milliseconds(200)) { _ in
                try? truth.flush()
            }
        return SimulatorServer(
            host: configuration.host, port: port, group: group, channel: channel, core: core, flushTask: flushTask)
    }

    /// `http://host:port`, the base URL of every endpoint.
    public var baseURL: String {
        "http://\(host):\(port)"
    }

    /// The configuration the simulator runs with.
    public var configuration: SimulatorConfiguration {
        core.configuration
    }

    /// A snapshot of the truth records kept in memory, oldest first.
    public func truth() -> [TruthRecord] {
        core.truth.snapshot()
    }

    /// The truth record of one request, if still kept in memory.
    public func truth(requestID: UInt64) -> TruthRecord? {
        core.truth.snapshot().last { $0.requestID == requestID }
    }

    /// Forgets the truth records kept in memory (the truth log file keeps its lines).
    public func clearTruth() {
        core.truth.clear()
    }

    /// Writes pending truth lines to the truth log file now.
    public func flushTruthLog() throws(SimulatorError) {
        try core.truth.flush()
    }

    /// Stops listening, closes every connection, stops the threads and closes the truth log; idempotent.
    public func stop() async throws(SimulatorError) {
        let alreadyStopped = stopped.withLockedValue { s -> Bool in
            defer { s = true }
            return s
        }
        guard !alreadyStopped else { return }
        flushTask?.cancel()
        try? await channel.close()
        try? await group.shutdownGracefully()
        try core.truth.close()
    }
}
