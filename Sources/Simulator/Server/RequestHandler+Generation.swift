import NIOCore
import NIOHTTP1

/// Most content chunks written in one flush when several are already due (the event loop fell
/// behind, or gaps are 0); bounds the time one connection holds the loop.
private let maxChunksPerFlush = 64

extension RequestHandler: NIOScheduledCallbackHandler {
    /// Parses, plans and starts a generation (or rejects it).
    func startGeneration(
        endpoint: Endpoint, body: ByteBuffer, requestID: UInt64, stream: UInt64?, keepAlive: Bool,
        received: NIODeadline, context: ChannelHandlerContext
    ) {
        let configuration = core.configuration
        let request: GenerationRequest
        switch GenerationRequest.parse(body, for: endpoint) {
        case .success(let r): request = r
        case .failure(let problem):
            reject(
                .badRequest(problem), endpoint: endpoint, model: "", requestID: requestID, keepAlive: keepAlive,
                received: received, context: context)
            return
        }
        let model = request.model ?? ""
        guard let profile = configuration.profile(for: request.model) else {
            reject(
                .modelNotFound(model), endpoint: endpoint, model: model, requestID: requestID, keepAlive: keepAlive,
                received: received, context: context)
            return
        }
        let plan = GenerationPlan(
            requestID: requestID, stream: stream, seed: configuration.seed, profile: profile, slowdown: configuration.slowdown,
            faults: configuration.faults, maxTokens: request.maxTokens)
        switch plan.fault {
        case .rateLimited?, .unavailable?:
            reject(
                plan.fault == .rateLimited ? .rateLimited : .unavailable, endpoint: endpoint, model: model,
                requestID: requestID, keepAlive: keepAlive, received: received, fault: plan.fault, context: context)
            return
        default:
            break
        }
        let facts = ResponseFacts(
            requestID: requestID, model: model, plan: plan, request: request, created: WallClock.now(),
            reportsUsage: configuration.reportsUsage)
        let active = ActiveResponse(
            requestID: requestID, endpoint: endpoint, model: model, request: request, keepAlive: keepAlive, plan: plan,
            wire: makeWireFormat(for: endpoint, facts: facts), start: received)
        response = active
        active.statsModel = core.statsModel(for: model)
        active.waiting = request.stream && plan.headerDelayNanos > 0
        core.engine.started(model: active.statsModel, tokens: request.inputTokens + plan.outputTokens, waiting: active.waiting)
        if request.stream {
            if plan.headerDelayNanos > 0 {
                active.step = .head
                schedule(at: active.start + .nanoseconds(plan.headerDelayNanos), context: context)
            } else {
                writeStreamHead(active, context: context)
            }
        } else {
            active.step = .body
            let due = active.start + .nanoseconds(plan.headerDelayNanos &+ plan.ttftNanos &+ plan.totalGapNanos)
            // Zero-latency profiles (throughput tests) answer at once, without a timer.
            if due <= .now() {
                writeWholeBody(active, context: context)
            } else {
                schedule(at: due, context: context)
            }
        }
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        pendingCallback = nil
        guard let context, let active = response else { return }
        switch active.step {
        case .head: writeStreamHead(active, context: context)
        case .chunks: writeDueChunks(active, context: context)
        case .body: writeWholeBody(active, context: context)
        case .stallEnd:
            response = nil
            context.close(promise: nil)
        }
    }

    /// Records an unfinished response as cut by the client and forgets it.
    func abandonResponse(at now: NIODeadline) {
        pendingCallback?.cancel()
        pendingCallback = nil
        if let active = response, !active.recorded {
            core.finish(active, outcome: .clientClosed, at: now)
        }
        response = nil
    }

    // MARK: - Streams

    private func writeStreamHead(_ active: ActiveResponse, context: ChannelHandlerContext) {
        if active.waiting {
            active.waiting = false
            core.engine.admitted(model: active.statsModel)
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(5 + active.wire.extraHeaders.count)
        headers.add(name: "content-type", value: active.wire.streamContentType)
        headers.add(name: "cache-control", value: "no-cache")
        headers.add(name: "x-sim-request-id", value: String(active.requestID))
        headers.add(contentsOf: active.wire.extraHeaders)
        if !active.keepAlive { headers.add(name: "connection", value: "close") }
        active.status = 200
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        var preamble = context.channel.allocator.buffer(capacity: 512)
        active.wire.writePreamble(into: &preamble)
        if preamble.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(preamble))), promise: nil)
        }
        context.flush()
        active.step = .chunks
        if active.nextDeadline <= .now() {
            writeDueChunks(active, context: context)
        } else {
            schedule(at: active.nextDeadline, context: context)
        }
    }

    /// Writes every chunk that is due (at least one) in a single flush, then schedules the next.
    private func writeDueChunks(_ active: ActiveResponse, context: ChannelHandlerContext) {
        let plan = active.plan
        let now = NIODeadline.now()
        var buffer = context.channel.allocator.buffer(capacity: 256)
        var finished = false
        var written = 0
        while true {
            let index = active.nextChunk
            if index == plan.faultChunk, plan.fault == .connectionReset || plan.fault == .stall {
                flushChunks(&buffer, active: active, context: context)
                if plan.fault == .stall { beginStall(active, context: context) } else { reset(active, context: context) }
                return
            }
            if index == plan.faultChunk, plan.fault == .cutStream {
                active.wire.writeCut(into: &buffer)
                finished = true
                break
            }
            let corruption: ChunkCorruption
            switch plan.fault {
            case .malformedFrame? where index == plan.faultChunk: corruption = .malformedJSON
            case .invalidUTF8? where index == plan.faultChunk: corruption = .invalidUTF8
            default: corruption = .none
            }
            active.wire.writeChunk(index, corruption: corruption, into: &buffer)
            active.nextChunk += 1
            active.chunksSent += 1
            written += 1
            if active.nextChunk == plan.chunkCount {
                if plan.fault == .cutStream { active.wire.writeCut(into: &buffer) } else { active.wire.writeEpilogue(into: &buffer) }
                finished = true
                break
            }
            active.nextOffsetNanos &+= plan.gapNanos[index]
            if written >= maxChunksPerFlush || active.nextDeadline > now { break }
        }
        if finished {
            if buffer.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil) }
            complete(active, context: context, outcome: plan.fault == .cutStream ? .cut : .completed)
        } else {
            flushChunks(&buffer, active: active, context: context)
            schedule(at: active.nextDeadline, context: context)
        }
    }

    private func flushChunks(_ buffer: inout ByteBuffer, active: ActiveResponse, context: ChannelHandlerContext) {
        guard buffer.readableBytes > 0 else { return }
        noteFirstContent(active)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    /// Notes the time of the first content, taken just before the flush that writes it.
    private func noteFirstContent(_ active: ActiveResponse) {
        if active.firstContentAt == nil, active.chunksSent > 0 { active.firstContentAt = .now() }
    }

    // MARK: - Whole bodies

    private func writeWholeBody(_ active: ActiveResponse, context: ChannelHandlerContext) {
        let plan = active.plan
        if plan.fault == .stall {
            beginStall(active, context: context)
            return
        }
        var body = context.channel.allocator.buffer(capacity: 256 + 8 * plan.outputTokens)
        if plan.fault == .cutStream {
            active.wire.writeCutBody(into: &body)
        } else {
            active.wire.writeBody(corruption: plan.fault == .invalidUTF8 ? .invalidUTF8 : .none, into: &body)
        }
        if plan.fault == .malformedFrame {
            body.moveWriterIndex(to: body.readerIndex + body.readableBytes / 2)
        }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(body.readableBytes))
        headers.add(name: "x-sim-request-id", value: String(active.requestID))
        headers.add(contentsOf: active.wire.extraHeaders)
        if !active.keepAlive { headers.add(name: "connection", value: "close") }
        active.status = 200
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        if plan.fault == .connectionReset {
            // Half the body, then a reset: the client sees a short body and ECONNRESET.
            let half = body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? body
            active.firstContentAt = .now()
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(half))), promise: nil)
            reset(active, context: context)
            return
        }
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        active.chunksSent = plan.fault == .cutStream ? 0 : plan.chunkCount
        complete(active, context: context, outcome: plan.fault == .cutStream ? .cut : .completed)
    }

    // MARK: - Endings

    /// Records and ends the response (flushing what was written). The record goes first so that
    /// it is visible once the client has the whole response; with keep-alive the next pipelined
    /// request may start inside `endResponse`, so `response` is cleared before.
    private func complete(_ active: ActiveResponse, context: ChannelHandlerContext, outcome: TruthRecord.Outcome = .completed) {
        response = nil
        noteFirstContent(active)
        core.finish(active, outcome: outcome, at: .now())
        endResponse(keepAlive: active.keepAlive, context: context)
    }

    private func beginStall(_ active: ActiveResponse, context: ChannelHandlerContext) {
        core.finish(active, outcome: .stalled, at: .now())
        active.step = .stallEnd
        schedule(at: .now() + .nanoseconds(core.configuration.faults.stallDuration.nanoseconds), context: context)
    }

    private func reset(_ active: ActiveResponse, context: ChannelHandlerContext) {
        core.finish(active, outcome: .connectionReset, at: .now())
        response = nil
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        if let provider = context.channel as? any SocketOptionProvider {
            _ = provider.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0))
        }
        context.close(promise: nil)
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        do {
            pendingCallback = try context.eventLoop.assumeIsolated().scheduleCallback(at: deadline, handler: self)
        } catch {
            // The loop is shutting down: nothing more will be sent.
            abandonResponse(at: .now())
            context.close(promise: nil)
        }
    }
}
