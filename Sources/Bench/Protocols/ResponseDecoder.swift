import LensCore

/// Turns the bytes of one HTTP response body into timings and counts, as they arrive.
///
/// Streamed bodies are framed (SSE or NDJSON) and each frame interpreted immediately, stamped with
/// the arrival time of the chunk that completed it; non-streamed bodies are kept and read once at
/// the end. The decoder is reused across requests (`reset`) so its buffers keep their capacity.
/// What a response may make the client hold is bounded by `ResponseLimits`: past a cap the
/// decoder stops reading and says which cap (`ResponseProgress.exceeded`).
struct ResponseDecoder {
    /// The protocol of the current response.
    private(set) var wire: WireProtocol
    /// Whether the current response is streamed.
    private(set) var streaming: Bool
    /// The caps of the current response.
    private(set) var limits: ResponseLimits
    private var sse: SSEFramer
    private var ndjson: NDJSONFramer
    /// Timings and counts so far.
    private(set) var progress: ResponseProgress
    /// The whole body of a non-streamed response.
    private var body: [UInt8] = []
    /// Body bytes received so far.
    private var received = 0

    /// A non-streamed body buffer larger than this is released after its response rather than kept for reuse.
    static let keptBodyCapacity = 1 << 20

    init(wire: WireProtocol, streaming: Bool, limits: ResponseLimits = ResponseLimits()) {
        self.wire = wire
        self.streaming = streaming
        self.limits = limits
        sse = SSEFramer(maximumEventBytes: limits.maxEventBytes)
        ndjson = NDJSONFramer(maximumLineBytes: limits.maxEventBytes)
        progress = ResponseProgress(wire: wire, streaming: streaming, keptTextLimit: limits.maxKeptTextBytes)
    }

    /// Prepares for a new response, keeping buffer capacity.
    mutating func reset(wire: WireProtocol, streaming: Bool) {
        self.wire = wire
        self.streaming = streaming
        sse.reset(maximumEventBytes: limits.maxEventBytes)
        ndjson.reset(maximumLineBytes: limits.maxEventBytes)
        if body.capacity > Self.keptBodyCapacity { body = [] }
        body.removeAll(keepingCapacity: true)
        received = 0
        progress.reset(wire: wire, streaming: streaming, keptTextLimit: limits.maxKeptTextBytes)
    }

    /// Consumes a chunk of body bytes that arrived at `now` (monotonic nanoseconds).
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, at now: Int64) {
        guard progress.malformed == nil, progress.exceeded == nil else { return }
        received += chunk.count
        guard received <= limits.maxResponseBytes else {
            progress.exceeded = .response(limit: limits.maxResponseBytes)
            return
        }
        if !streaming {
            body.append(contentsOf: chunk)
            return
        }
        do {
            switch wire.framing {
            case .sse:
                try Self.feed(&sse, &progress, chunk, now)
                if sse.exceededLimit { progress.exceeded = .event(limit: limits.maxEventBytes) }
            case .ndjson:
                try Self.feed(&ndjson, &progress, chunk, now)
                if ndjson.exceededLimit { progress.exceeded = .event(limit: limits.maxEventBytes) }
            }
        } catch {
            progress.malformed = error.reason
        }
    }

    /// Ends the body (the transfer finished at `now`); returns the final progress.
    mutating func finish(at now: Int64) -> ResponseProgress {
        if progress.malformed == nil, progress.exceeded == nil {
            do {
                if streaming {
                    switch wire.framing {
                    case .sse:
                        progress.unterminatedTail = try Self.finish(&sse, &progress, now)
                    case .ndjson:
                        progress.unterminatedTail = ndjson.finish()
                    }
                } else {
                    try body.withUnsafeBufferPointer { (buffer) throws(JSONFieldScanner.Malformed) in
                        try progress.wholeBody(buffer, at: now)
                    }
                }
            } catch {
                progress.malformed = error.reason
            }
        }
        return progress
    }

    private static func feed(
        _ framer: inout SSEFramer, _ progress: inout ResponseProgress, _ chunk: UnsafeBufferPointer<UInt8>, _ now: Int64
    ) throws(JSONFieldScanner.Malformed) {
        try framer.feed(chunk) { (data, isError) throws(JSONFieldScanner.Malformed) in
            try progress.frame(data, errorEvent: isError, at: now)
        }
    }

    private static func finish(_ framer: inout SSEFramer, _ progress: inout ResponseProgress, _ now: Int64) throws(JSONFieldScanner
        .Malformed) -> Bool
    {
        try framer.finish { (data, isError) throws(JSONFieldScanner.Malformed) in try progress.frame(data, errorEvent: isError, at: now) }
    }

    private static func feed(
        _ framer: inout NDJSONFramer, _ progress: inout ResponseProgress, _ chunk: UnsafeBufferPointer<UInt8>, _ now: Int64
    ) throws(JSONFieldScanner.Malformed) {
        try framer.feed(chunk) { (line) throws(JSONFieldScanner.Malformed) in try progress.frame(line, errorEvent: false, at: now) }
    }
}
