/// What the simulator did for one generation request: the schedule it drew, when it actually wrote
/// the first content, and what went wrong on purpose.
///
/// Times are offsets from the moment the whole request (head and body) had been read.
public struct TruthRecord: Sendable, Equatable {
    /// How the response ended.
    public enum Outcome: String, Sendable, Equatable {
        /// The whole response was sent.
        case completed
        /// An error status was sent (bad request, unknown model, injected 429/503).
        case rejected
        /// The connection was reset on purpose.
        case connectionReset = "connection_reset"
        /// Sending stopped on purpose (the record is written when the stall begins).
        case stalled
        /// The client closed the connection (or the server stopped) before the end.
        case clientClosed = "client_closed"
        /// The generation was cancelled on purpose: the response closed cleanly without its end marker.
        case cut
    }

    /// Request id, also sent in the `x-sim-request-id` response header.
    public let requestID: UInt64
    /// Number of the random stream the schedule was drawn from: the request id unless the client
    /// sent an `x-sim-stream: N` header (same seed and stream → same schedule).
    public let randomStream: UInt64
    /// The endpoint called.
    public let endpoint: Endpoint
    /// Model name from the request (empty for TGI).
    public let model: String
    /// Whether the response was streamed.
    public let streaming: Bool
    /// HTTP status sent (0 if none was sent).
    public let status: Int
    /// Estimated input tokens (see `GenerationRequest.inputTokens`: UTF-8 bytes / 4, rounded up).
    public let inputTokens: Int
    /// Output tokens planned.
    public let outputTokens: Int
    /// Content chunks planned.
    public let chunks: Int
    /// Content chunks actually written (all of them for a completed non-streamed body).
    public let chunksSent: Int
    /// Delay before the response head (the slow-headers fault), included in `scheduledTTFT`.
    public let headerDelay: Duration
    /// Scheduled time of the first content chunk (after slowdown, including `headerDelay`).
    public let scheduledTTFT: Duration
    /// Scheduled gaps between consecutive chunks (after slowdown).
    public let scheduledGaps: [Duration]
    /// When the first content bytes were flushed to the socket (taken just before the write); nil if none were.
    public let firstContentWritten: Duration?
    /// When the response ended, was cut or began to stall.
    public let finished: Duration
    /// The injected fault, if any.
    public let fault: Fault?
    /// How the response ended.
    public let outcome: Outcome

    /// Scheduled time of the last content chunk.
    public var scheduledEndToEnd: Duration {
        scheduledGaps.reduce(scheduledTTFT, +)
    }

    /// The API family of `endpoint`.
    public var api: API { endpoint.api }
}
