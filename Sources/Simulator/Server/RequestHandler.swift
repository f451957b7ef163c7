import NIOCore
import NIOHTTP1

/// Serves one HTTP/1.1 connection: reads a request, routes it, answers metadata requests at once
/// and drives generations on the connection's event loop (see `RequestHandler+Generation.swift`).
///
/// `HTTPServerPipelineHandler` sits in front, so at most one request is in progress per connection.
final class RequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let core: SimulatorCore
    /// The channel context, kept for scheduled callbacks; set while the handler is in the pipeline.
    var context: ChannelHandlerContext?
    /// The generation in progress.
    var response: ActiveResponse?
    /// The callback that will continue `response`.
    var pendingCallback: NIOScheduledCallback?

    private var requestHead: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyTooLarge = false

    init(core: SimulatorCore) {
        self.core = core
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        abandonResponse(at: .now())
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandonResponse(at: .now())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestHead = head
            body = nil
            bodyTooLarge = false
            // libcurl sends `Expect: 100-continue` with large bodies and waits up to a second for it.
            if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(var chunk):
            guard !bodyTooLarge else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > core.maxBodyBytes {
                bodyTooLarge = true
                body = nil
            } else if body == nil {
                body = chunk
            } else {
                body?.writeBuffer(&chunk)
            }
        case .end:
            let received = NIODeadline.now()
            guard let head = requestHead else { return }
            requestHead = nil
            let requestBody = body ?? context.channel.allocator.buffer(capacity: 0)
            body = nil
            handle(head: head, body: requestBody, received: received, context: context)
        }
    }

    private func handle(head: HTTPRequestHead, body: ByteBuffer, received: NIODeadline, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        let configuration = core.configuration
        let route = Route(method: head.method, uri: head.uri, tokenizes: configuration.tokenizer != nil)
        if route == .metrics {
            // A scrape takes no request id: ids number the generations' random streams, and a
            // scrape landing between two generations must not change what the second one draws.
            sendSimple(
                .ok, body: MetricsPage.render(core.engine.snapshot()), contentType: MetricsPage.contentType, requestID: 0,
                keepAlive: keepAlive, context: context)
            return
        }
        let requestID = core.nextRequestID()
        switch route {
        case .generate(let endpoint):
            if bodyTooLarge {
                reject(
                    .payloadTooLarge(limit: core.maxBodyBytes), endpoint: endpoint, model: "", requestID: requestID,
                    keepAlive: keepAlive, received: received, context: context)
                return
            }
            // A client may name the random stream itself, so that concurrent runs stay reproducible
            // whatever order requests arrive in.
            let stream = head.headers.first(name: "x-sim-stream").flatMap { UInt64($0) }
            startGeneration(
                endpoint: endpoint, body: body, requestID: requestID, stream: stream, keepAlive: keepAlive,
                received: received, context: context)
        case .health:
            sendSimple(.ok, body: jsonBody { $0.writeStaticString("{}") }, requestID: requestID, keepAlive: keepAlive, context: context)
        case .openAIModels:
            sendSimple(
                .ok, body: Listings.openAIModels(configuration, created: WallClock.now()), requestID: requestID,
                keepAlive: keepAlive, context: context)
        case .ollamaTags:
            sendSimple(
                .ok, body: Listings.ollamaTags(configuration, created: WallClock.now()), requestID: requestID,
                keepAlive: keepAlive, context: context)
        case .ollamaVersion:
            sendSimple(.ok, body: Listings.ollamaVersion(), requestID: requestID, keepAlive: keepAlive, context: context)
        case .tgiInfo:
            sendSimple(.ok, body: Listings.tgiInfo(configuration), requestID: requestID, keepAlive: keepAlive, context: context)
        case .metrics:
            return
        case .root:
            sendSimple(
                .ok, body: jsonBody { $0.writeStaticString("Ollama is running") }, contentType: "text/plain; charset=utf-8",
                requestID: requestID, keepAlive: keepAlive, context: context)
        case .tokenize:
            guard let dialect = configuration.tokenizer else { return }
            let (status, answer) =
                bodyTooLarge
                ? (.payloadTooLarge, jsonBody { $0.writeStaticString(#"{"error":"request body too large"}"#) })
                : Tokenizer.answer(body, dialect: dialect)
            sendSimple(status, body: answer, requestID: requestID, keepAlive: keepAlive, context: context)
        case .methodNotAllowed(let allowed):
            sendSimple(
                .methodNotAllowed, body: jsonBody { $0.writeStaticString(#"{"error":"method not allowed"}"#) },
                extraHeaders: [("allow", allowed)], requestID: requestID, keepAlive: keepAlive, context: context)
        case .notFound:
            sendSimple(
                .notFound, body: jsonBody { $0.writeStaticString(#"{"error":"not found"}"#) },
                requestID: requestID, keepAlive: keepAlive, context: context)
        }
    }

    /// Answers with an error in the endpoint's API style and records it.
    func reject(
        _ error: APIError, endpoint: Endpoint, model: String, requestID: UInt64, keepAlive: Bool,
        received: NIODeadline, fault: Fault? = nil, context: ChannelHandlerContext
    ) {
        let (status, body) = error.response(for: endpoint.api)
        var extra: [(String, String)] = []
        if error == .rateLimited || error == .unavailable {
            extra.append(("retry-after", String(core.configuration.faults.retryAfterSeconds)))
        }
        // Record first, so the record is visible once the client has the response.
        core.truth.append(
            TruthRecord(
                requestID: requestID, randomStream: requestID, endpoint: endpoint, model: model, streaming: false,
                status: Int(status.code),
                inputTokens: 0, outputTokens: 0, chunks: 0, chunksSent: 0, headerDelay: .zero, scheduledTTFT: .zero,
                scheduledGaps: [], firstContentWritten: nil, finished: .nanoseconds((NIODeadline.now() - received).nanoseconds),
                fault: fault, outcome: .rejected))
        sendSimple(status, body: body, extraHeaders: extra, requestID: requestID, keepAlive: keepAlive, context: context)
    }

    /// Sends a complete response with a `Content-Length`.
    func sendSimple(
        _ status: HTTPResponseStatus, body: ByteBuffer, contentType: String = "application/json",
        extraHeaders: [(String, String)] = [], requestID: UInt64, keepAlive: Bool, context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4 + extraHeaders.count)
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: String(body.readableBytes))
        headers.add(name: "x-sim-request-id", value: String(requestID))
        headers.add(contentsOf: extraHeaders)
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        endResponse(keepAlive: keepAlive, context: context)
    }

    /// Writes the end of a response and flushes; closes the connection when it is not kept alive.
    func endResponse(keepAlive: Bool, context: ChannelHandlerContext) {
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let promise = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
            promise.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
