import LensCore

/// Parses a captured response body outside the transport, chunk by chunk, exactly as the runner
/// does (for tools that replay recorded streams, and for the parser benchmark).
public struct StreamReplay {
    private var decoder: ResponseDecoder

    /// What a replayed body contained.
    public struct Summary: Sendable, Equatable {
        /// Content-bearing events.
        public var contentEvents: Int
        /// Output tokens (server usage when present, else counted).
        public var outputTokens: Int
        /// Whether the protocol's end marker was reached.
        public var complete: Bool
        /// Why the body was malformed, if it was.
        public var malformed: String?
        /// How the runner would classify the request had this body come with HTTP 200 and a clean
        /// end of transfer (nil: success).
        public var failure: RequestErrorClass?
    }

    /// Prepares to parse one response body, with the default size caps unless `load` gives others.
    public init(protocol wire: WireProtocol, streaming: Bool = true, load: LoadConfig = LoadConfig()) {
        decoder = ResponseDecoder(wire: wire, streaming: streaming, limits: ResponseLimits(load: load))
    }

    /// Consumes a chunk that arrived at `nanoseconds` (monotonic).
    public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, at nanoseconds: Int64) {
        decoder.consume(chunk, at: nanoseconds)
    }

    /// Ends the body and summarises it; the replay can then be reused for another body.
    public mutating func finish(at nanoseconds: Int64) -> Summary {
        let progress = decoder.finish(at: nanoseconds)
        let summary = Summary(
            contentEvents: progress.contentEvents, outputTokens: progress.outputTokens.count,
            complete: progress.isComplete && progress.malformed == nil, malformed: progress.malformed,
            failure: progress.failure(cut: nil)?.0)
        decoder.reset(wire: decoder.wire, streaming: decoder.streaming)
        return summary
    }
}
