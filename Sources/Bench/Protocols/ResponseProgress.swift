import LensCore

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
    /// Whether the protocol's end-of-stream marker was seen (for OpenAI: `[DONE]`; see `isComplete`).
    var sawTerminal = false
    /// Why the body could not be parsed, if it could not.
    var malformed: String?
    /// The size cap the response broke, if it broke one (the rest of the body was ignored).
    var exceeded: SizeCapExceeded?
    /// Whether bytes after the last complete frame were left when the body ended.
    var unterminatedTail = false
    private var lastCumulativeTokens = 0

    /// The most tokens one streamed frame is credited with (speculative decoders send a few dozen).
    static let maximumTokensPerFrame = 4096

    init(wire: WireProtocol, streaming: Bool, keptTextLimit: Int = 0) {
        interpreter = FrameInterpreter(wire: wire, streaming: streaming)
        interpreter.textLimit = keptTextLimit
        gapsMs.reserveCapacity(256)
    }

    mutating func reset(wire: WireProtocol, streaming: Bool, keptTextLimit: Int) {
        // The text buffer moves to the new interpreter so that its capacity is reused (unless a huge reply grew it).
        var text: [UInt8] = []
        swap(&text, &interpreter.text)
        if text.capacity > SSEFramer.keptCapacity { text = [] }
        text.removeAll(keepingCapacity: true)
        interpreter = FrameInterpreter(wire: wire, streaming: streaming)
        interpreter.text = text
        interpreter.textLimit = keptTextLimit
        firstContentNs = -1
        lastContentNs = -1
        contentEvents = 0
        countedTokens = 0
        contentBytes = 0
        gapsMs.removeAll(keepingCapacity: true)
        sawTerminal = false
        malformed = nil
        exceeded = nil
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
            // Tokens in this frame: one, unless the server says how many (cumulative usage per chunk).
            var tokens = 1
            if interpreter.cumulativeOutputTokens > lastCumulativeTokens {
                // Capped so that a server's absurd count cannot make the gap list allocate without bound.
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
        // No chunks to count: ~4 bytes of English text per token (OpenAI's rule of thumb), until a
        // tokenizer recounts the text after the measured phase.
        countedTokens = (contentBytes + 3) / 4
        sawTerminal = true
    }

    /// Output tokens and whether the server reported them.
    var outputTokens: (count: Int, fromServer: Bool) {
        interpreter.usageOutputTokens >= 0 ? (interpreter.usageOutputTokens, true) : (countedTokens, false)
    }

    /// Whether the response reached its protocol's end marker: OpenAI a `finish_reason` (then `[DONE]`
    /// or a clean close; `[DONE]` alone is how llama.cpp ends a stream it cancelled), Anthropic
    /// `message_stop`, Ollama `done: true`, TGI the final event's `generated_text`. A non-streamed
    /// body is complete once parsed.
    var isComplete: Bool {
        guard interpreter.streaming else { return sawTerminal }
        switch interpreter.wire {
        case .openAIChat, .openAICompletions: return interpreter.sawFinishReason && (sawTerminal || !unterminatedTail)
        case .anthropic, .ollamaChat, .ollamaGenerate, .tgi: return sawTerminal
        }
    }

    /// Whether the response carried generated content (a role-only stream or an empty choice list did not).
    var hasContent: Bool { contentEvents > 0 }

    /// The generated text as the server escaped it, when it was kept whole (nil if it overflowed its cap).
    var keptText: [UInt8]? { interpreter.textOverflowed ? nil : interpreter.text }

    private static func isDoneMarker(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var end = data.count
        while start < end, data[start] == 0x20 { start += 1 }
        while end > start, data[end - 1] == 0x20 || data[end - 1] == 0x0D { end -= 1 }
        return end - start == 6 && data[start] == UInt8(ascii: "[") && data[start + 1] == UInt8(ascii: "D")
            && data[start + 2] == UInt8(ascii: "O") && data[start + 3] == UInt8(ascii: "N") && data[start + 4] == UInt8(ascii: "E")
            && data[start + 5] == UInt8(ascii: "]")
    }
}

extension ResponseProgress {
    /// Why a 2xx response is a failed request, judged on its body: a broken size cap, a malformed
    /// frame, an error the server reported inside the body, a transfer cut short (`cut` is curl's
    /// message then), no generated content, or no end marker. Nil when the response is a success.
    func failure(cut: String?) -> (RequestErrorClass, String)? {
        if let exceeded { return (.responseTooLarge, exceeded.message) }
        if let malformed { return (.streamMalformed, malformed) }
        if let serverError = interpreter.serverError {
            return (serverError, interpreter.serverMessage ?? "the server reported an error inside the response")
        }
        if let cut { return (.streamTruncated, cut) }
        if interpreter.streaming, unterminatedTail, !isComplete { return (.streamTruncated, "the stream ended in the middle of a frame") }
        if !hasContent {
            return (
                .emptyResponse,
                interpreter.streaming
                    ? "the stream ended without any generated content"
                        + (isComplete ? "" : " and without \(Self.endMarker(interpreter.wire))")
                    : "the response carried no generated content (no choices, or empty text)"
            )
        }
        if !isComplete {
            return (
                .streamIncomplete,
                "the stream ended cleanly but without \(Self.endMarker(interpreter.wire)): the server abandoned the generation"
            )
        }
        return nil
    }

    /// The end marker a stream of `wire` must carry to be complete.
    static func endMarker(_ wire: WireProtocol) -> String {
        switch wire {
        case .openAIChat, .openAICompletions: "a finish_reason"
        case .anthropic: "message_stop"
        case .ollamaChat, .ollamaGenerate: "done: true"
        case .tgi: "a final event with generated_text"
        }
    }
}
