import LensCore

/// Turns the bytes of one HTTP response body into timings and counts, as they arrive.
///
/// Streamed bodies are framed (SSE or NDJSON) and each frame interpreted immediately, stamped with
/// the arrival time of the chunk that completed it; non-streamed bodies are kept and read once at
/// the end. The decoder is reused across requests (`reset`) so its buffers keep their capacity.
struct ResponseDecoder {
    /// The protocol of the current response.
    private(set) var wire: WireProtocol
    /// Whether the current response is streamed.
    private(set) var streaming: Bool
    private var sse = SSEFramer()
    private var ndjson = NDJSONFramer()
    /// Timings and counts so far.
    private(set) var progress: ResponseProgress
    /// The whole body of a non-streamed response.
    private var body: [UInt8] = []

    /// The largest non-streamed body kept; larger ones are refused as malformed rather than exhausting memory.
    static let maximumBodyBytes = 64 << 20

    init(wire: WireProtocol, streaming: Bool) {
        self.wire = wire
        self.streaming = streaming
        progress = ResponseProgress(wire: wire, streaming: streaming)
    }

    /// Prepares for a new response, keeping buffer capacity.
    mutating func reset(wire: WireProtocol, streaming: Bool) {
        self.wire = wire
        self.streaming = streaming
        sse.reset()
        _ = ndjson.finish()
        body.removeAll(keepingCapacity: true)
        progress.reset(wire: wire, streaming: streaming)
    }

    /// Consumes a chunk of body bytes that arrived at `now` (monotonic nanoseconds).
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, at now: Int64) {
        guard progress.malformed == nil else { return }
        if !streaming {
            guard body.count + chunk.count <= Self.maximumBodyBytes else {
                progress.malformed = "response body larger than \(Self.maximumBodyBytes >> 20) MiB"
                return
            }
            body.append(contentsOf: chunk)
            return
        }
        do {
            switch wire.framing {
            case .sse: try Self.feed(&sse, &progress, chunk, now)
            case .ndjson: try Self.feed(&ndjson, &progress, chunk, now)
            }
        } catch {
            progress.malformed = error.reason
        }
    }

    /// Ends the body (the transfer finished at `now`); returns the final progress.
    mutating func finish(at now: Int64) -> ResponseProgress {
        if progress.malformed == nil {
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

    private static func feed(_ framer: inout SSEFramer, _ progress: inout ResponseProgress, _ chunk: UnsafeBufferPointer<UInt8>, _ now: Int64) throws(JSONFieldScanner.Malformed) {
        try framer.feed(chunk) { (data, isError) throws(JSONFieldScanner.Malformed) in try progress.frame(data, errorEvent: isError, at: now) }
    }

    private static func finish(_ framer: inout SSEFramer, _ progress: inout ResponseProgress, _ now: Int64) throws(JSONFieldScanner.Malformed) -> Bool {
        try framer.finish { (data, isError) throws(JSONFieldScanner.Malformed) in try progress.frame(data, errorEvent: isError, at: now) }
    }

    private static func feed(_ framer: inout NDJSONFramer, _ progress: inout ResponseProgress, _ chunk: UnsafeBufferPointer<UInt8>, _ now: Int64) throws(JSONFieldScanner.Malformed) {
        try framer.feed(chunk) { (line) throws(JSONFieldScanner.Malformed) in try progress.frame(line, errorEvent: false, at: now) }
    }
}


/// What has been learned about one response so far.
struct ResponseProgress {
    /// Field extraction state, including usage and engine figures.
    var interpreter: FrameInterpreter
    /// Arrival of the first content-bearing frame, or −1.
    var firstContentNs: Int64 = -1
    /// Arrival of the latest content-bearing frame, or −1.
    var lastContentNs: Int64 = -1
    /// Content-bearing frames.
    var contentEvents: Int = 0
    /// Output tokens counted from frames (content frames, plus extra tokens when a frame's count is known).
    var countedTokens: Int = 0
    /// Content bytes over the whole response.
    var contentBytes: Int = 0
    /// Gaps between content arrivals in milliseconds, one per token when a frame's token count is known.
    var gapsMs: [Float] = []
    /// Whether the protocol's end-of-stream marker was seen.
    var sawTerminal = false
    /// Why the body could not be parsed, if it could not.
    var malformed: String?
    /// Whether bytes after the last complete frame were left when the body ended.
    var unterminatedTail = false
    private var lastCumulativeTokens = 0

    /// The most tokens one streamed frame is credited with (speculative decoders send a few dozen).
    static let maximumTokensPerFrame = 4096

    init(wire: WireProtocol, streaming: Bool) {
        interpreter = FrameInterpreter(wire: wire, streaming: streaming)
        gapsMs.reserveCapacity(256)
    }

    mutating func reset(wire: WireProtocol, streaming: Bool) {
        interpreter = FrameInterpreter(wire: wire, streaming: streaming)
        firstContentNs = -1
        lastContentNs = -1
        contentEvents = 0
        countedTokens = 0
        contentBytes = 0
        gapsMs.removeAll(keepingCapacity: true)
        sawTerminal = false
        malformed = nil
        unterminatedTail = false
        lastCumulativeTokens = 0
    }

    /// Interprets one streamed frame that arrived at `now`.
    mutating func frame(_ data: UnsafeBufferPointer<UInt8>, errorEvent: Bool, at now: Int64) throws(JSONFieldScanner.Malformed) {
        if interpreter.wire == .openAIChat || interpreter.wire == .openAICompletions, Self.isDoneMarker(data) {
            sawTerminal = true
            return
        }
        interpreter.reset()
        try JSONFieldScanner.scan(data, into: &interpreter)
        interpreter.finishFrame()
        if errorEvent, interpreter.serverError == nil { interpreter.serverError = .http5xx }
        if interpreter.contentFields > 0 {
            // Tokens in this frame: one, unless the server says how many (cumulative usage per chunk),
            // capped so that a server's absurd count cannot make the gap list allocate without bound.
            var tokens = 1
            if interpreter.cumulativeOutputTokens > lastCumulativeTokens {
                tokens = min(interpreter.cumulativeOutputTokens - lastCumulativeTokens, Self.maximumTokensPerFrame)
            }
            if interpreter.cumulativeOutputTokens >= 0 { lastCumulativeTokens = interpreter.cumulativeOutputTokens }
            if firstContentNs < 0 {
                firstContentNs = now
            } else {
                let gap = Float(Double(now - lastContentNs) / 1e6) / Float(tokens)
                for _ in 0..<tokens { gapsMs.append(gap) }
            }
            lastContentNs = now
            contentEvents += 1
            countedTokens += tokens
            contentBytes += interpreter.contentBytes
        }
        countedTokens += interpreter.nonContentTokens
        if interpreter.terminal { sawTerminal = true }
    }

    /// Interprets a complete non-streamed body.
    mutating func wholeBody(_ data: UnsafeBufferPointer<UInt8>, at now: Int64) throws(JSONFieldScanner.Malformed) {
        interpreter.reset()
        try JSONFieldScanner.scan(data, into: &interpreter)
        interpreter.finishFrame()
        contentBytes = interpreter.contentBytes
        contentEvents = interpreter.contentFields
        // Without a tokenizer, ~4 bytes of English text per token (OpenAI's rule of thumb).
        countedTokens = (contentBytes + 3) / 4
        sawTerminal = true
    }

    /// Output tokens and whether the server reported them.
    var outputTokens: (count: Int, fromServer: Bool) {
        interpreter.usageOutputTokens >= 0 ? (interpreter.usageOutputTokens, true) : (countedTokens, false)
    }

    /// Whether the stream reached its end marker (OpenAI also accepts a finish reason followed by a clean close).
    var isComplete: Bool {
        sawTerminal || (interpreter.sawFinishReason && !unterminatedTail)
    }

    private static func isDoneMarker(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0, end = data.count
        while start < end, data[start] == 0x20 { start += 1 }
        while end > start, data[end - 1] == 0x20 || data[end - 1] == 0x0D { end -= 1 }
        return end - start == 6 && data[start] == UInt8(ascii: "[") && data[start + 1] == UInt8(ascii: "D")
            && data[start + 2] == UInt8(ascii: "O") && data[start + 3] == UInt8(ascii: "N") && data[start + 4] == UInt8(ascii: "E")
            && data[start + 5] == UInt8(ascii: "]")
    }
}
