import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request the fake API received.
struct RecordedRequest: Sendable {
    var method: String
    var uri: String
    var headers: [(name: String, value: String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The path without the query.
    var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

    /// A query parameter's value.
    func query(_ name: String) -> String? {
        guard let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}

/// What the fake API answers.
struct FakeResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: String = ""
}

/// An HTTP/1.1 server on 127.0.0.1 (port 0, chosen by the system) that records every request and
/// answers through a closure; started and stopped by each test.
final class FakeAPIServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let recorded: NIOLockedValueBox<[RecordedRequest]>
    /// The bound port.
    let port: Int

    init(handler: @escaping @Sendable (RecordedRequest) -> FakeResponse) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorded = NIOLockedValueBox<[RecordedRequest]>([])
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(recorded: recorded, handler: handler))
                }
            }
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        self.group = group
        self.recorded = recorded
        port = channel.localAddress?.port ?? 0
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request so far, in arrival order.
    var requests: [RecordedRequest] { recorded.withLockedValue { $0 } }

    func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let recorded: NIOLockedValueBox<[RecordedRequest]>
    let handler: @Sendable (RecordedRequest) -> FakeResponse
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(recorded: NIOLockedValueBox<[RecordedRequest]>, handler: @escaping @Sendable (RecordedRequest) -> FakeResponse) {
        self.recorded = recorded
        self.handler = handler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: String(decoding: body, as: UTF8.self))
            recorded.withLockedValue { $0.append(request) }
            let response = handler(request)
            var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
            headers.add(name: "Content-Length", value: String(response.body.utf8.count))
            headers.add(name: "Connection", value: "close")
            let responseHead = HTTPResponseHead(
                version: head.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            self.head = nil
        }
    }
}
