import NIOCore

/// The generation a connection is currently answering, mutated in place on its event loop.
final class ActiveResponse {
    /// What the next scheduled callback does.
    enum Step {
        /// Send the response head (after the slow-headers delay).
        case head
        /// Send the chunks that are due.
        case chunks
        /// Send the whole non-streamed body.
        case body
        /// Close a stalled connection.
        case stallEnd
    }

    let requestID: UInt64
    let endpoint: Endpoint
    let model: String
    let streaming: Bool
    let keepAlive: Bool
    let inputTokens: Int
    let plan: GenerationPlan
    let wire: any WireFormat
    /// When the request had been read completely; every offset counts from here.
    let start: NIODeadline

    var step: Step = .head
    /// Index of the next content chunk to write.
    var nextChunk = 0
    /// Offset of the next chunk from `start`, in nanoseconds.
    var nextOffsetNanos: Int64
    /// Chunks written so far.
    var chunksSent = 0
    /// Status sent in the head, 0 before.
    var status = 0
    /// When the first content bytes were written.
    var firstContentAt: NIODeadline?
    /// Whether the truth record has been written (a stall is recorded when it begins).
    var recorded = false
    /// The model name the engine figures count this generation under.
    var statsModel = ""
    /// Whether the generation waits in its slow-headers delay (counted as waiting, not running).
    var waiting = false

    init(
        requestID: UInt64, endpoint: Endpoint, model: String, request: GenerationRequest,
        keepAlive: Bool, plan: GenerationPlan, wire: any WireFormat, start: NIODeadline
    ) {
        self.requestID = requestID
        self.endpoint = endpoint
        self.model = model
        self.streaming = request.stream
        self.keepAlive = keepAlive
        self.inputTokens = request.inputTokens
        self.plan = plan
        self.wire = wire
        self.start = start
        self.nextOffsetNanos = plan.headerDelayNanos &+ plan.ttftNanos
    }

    /// Deadline of the next chunk.
    var nextDeadline: NIODeadline {
        start + .nanoseconds(nextOffsetNanos)
    }

    /// The record of this response, ending now with `outcome`.
    func record(outcome: TruthRecord.Outcome, at end: NIODeadline) -> TruthRecord {
        TruthRecord(
            requestID: requestID,
            randomStream: plan.stream,
            endpoint: endpoint,
            model: model,
            streaming: streaming,
            status: status,
            inputTokens: inputTokens,
            outputTokens: plan.outputTokens,
            chunks: plan.chunkCount,
            chunksSent: chunksSent,
            headerDelay: .nanoseconds(plan.headerDelayNanos),
            scheduledTTFT: .nanoseconds(plan.headerDelayNanos &+ plan.ttftNanos),
            scheduledGaps: plan.gapNanos.map { .nanoseconds($0) },
            firstContentWritten: firstContentAt.map { .nanoseconds(($0 - start).nanoseconds) },
            finished: .nanoseconds((end - start).nanoseconds),
            fault: plan.fault,
            outcome: outcome)
    }
}
