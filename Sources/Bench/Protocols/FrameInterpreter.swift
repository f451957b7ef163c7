import LensCore

/// Reads the fields that matter to a benchmark out of one JSON frame (or a whole non-streamed body).
///
/// One visitor per request; `reset()` before each frame clears the per-frame findings, while the
/// usage and engine figures accumulate over the response. The per-protocol field paths live in
/// the `visit` switch below and are documented next to each case.
struct FrameInterpreter: JSONFieldVisitor {
    let wire: WireProtocol
    /// Whether the response is streamed (a non-streamed TGI body has its content in `generated_text`).
    let streaming: Bool

    // Per-frame findings.
    /// Content-bearing fields seen in this frame.
    var contentFields = 0
    /// Bytes of content text in this frame (raw, escapes counted as written).
    var contentBytes = 0
    /// Tokens in this frame that are not content (TGI special tokens).
    var nonContentTokens = 0
    /// Whether this frame ends the response.
    var terminal = false
    /// Anthropic event type (`type` at the top level) of this frame.
    var anthropicEvent: AnthropicEvent = .other
    /// Cumulative output-token count carried by this frame (vLLM continuous usage), or −1.
    var cumulativeOutputTokens: Int = -1

    // Per-response findings.
    /// Prompt tokens reported by the server, or −1.
    var usageInputTokens: Int = -1
    /// Output tokens reported by the server, or −1.
    var usageOutputTokens: Int = -1
    /// Whether a finish reason was seen (OpenAI): with a clean end of transfer it completes the stream.
    var sawFinishReason = false
    /// A failure the server reported inside a 2xx response.
    var serverError: RequestErrorClass?
    /// The server's error message, if it sent one.
    var serverMessage: String?
    /// Engine figures (Ollama), NaN when absent.
    var engine = EngineFigures()
    /// The generated text so far, as the JSON-escaped bytes the server sent (string bodies back to back,
    /// which is itself a valid JSON string body); kept for counting with the server's tokenizer later.
    var text: [UInt8] = []
    /// The most bytes `text` may hold (0 keeps none).
    var textLimit = 0
    /// Whether generated text was dropped because `text` was full.
    var textOverflowed = false

    /// Anthropic event types that change the interpretation of a frame.
    enum AnthropicEvent { case other, messageStart, messageDelta, messageStop, error }

    // TGI token fields, resolved once the whole frame is read (key order is not guaranteed).
    private var tokenSeen = false
    private var tokenText: JSONString?
    private var tokenSpecial = false

    init(wire: WireProtocol, streaming: Bool) {
        self.wire = wire
        self.streaming = streaming
    }

    /// Clears the per-frame findings.
    mutating func reset() {
        contentFields = 0
        contentBytes = 0
        nonContentTokens = 0
        terminal = false
        anthropicEvent = .other
        cumulativeOutputTokens = -1
        tokenSeen = false
        tokenText = nil
        tokenSpecial = false
    }

    /// Resolves findings that depend on several fields of the frame.
    mutating func finishFrame() {
        guard tokenSeen else { return }
        if tokenSpecial || tokenText?.isEmpty ?? true {
            // Special tokens (end of sequence) and empty texts are generated tokens without content.
            nonContentTokens += 1
        } else if let tokenText {
            contentFields += 1
            contentBytes += tokenText.rawCount
            keep(tokenText)
        }
        tokenText = nil
    }

    /// Appends a content string's raw bytes to `text`, within `textLimit`.
    private mutating func keep(_ value: JSONString) {
        guard textLimit > 0, !textOverflowed else { return }
        guard text.count + value.rawCount <= textLimit else {
            textOverflowed = true
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: value.bytes[value.start..<value.end]))
    }

    mutating func visit(_ path: KeyPath, _ value: JSONScalar) {
        switch wire {
        case .openAIChat, .openAICompletions: visitOpenAI(path, value)
        case .anthropic: visitAnthropic(path, value)
        case .ollamaChat, .ollamaGenerate: visitOllama(path, value)
        case .tgi: visitTGI(path, value)
        }
    }

    private mutating func content(_ value: JSONScalar) {
        if case .string(let text) = value, !text.isEmpty {
            contentFields += 1
            contentBytes += text.rawCount
            keep(text)
        }
    }

    private static func integer(_ value: JSONScalar) -> Int? {
        if case .number(let number) = value, number >= 0, number < 1e15 { return Int(number) }
        return nil
    }

    /// An engine-reported duration in nanoseconds, as milliseconds; nil for a value no duration can
    /// have (negative, not finite, or beyond the results file's bound), so the results stay readable.
    private static func milliseconds(nanoseconds value: JSONScalar) -> Double? {
        if case .number(let ns) = value, ns >= 0, ns / 1e6 <= InputLimits.sampleValue.upper { return ns / 1e6 }
        return nil
    }

    private mutating func errorMessage(_ value: JSONScalar, default errorClass: RequestErrorClass) {
        if serverError == nil { serverError = errorClass }
        if serverMessage == nil, case .string(let text) = value { serverMessage = String(text.decoded.prefix(300)) }
    }

    /// OpenAI chat (`choices[].delta.content`, `choices[].message.content` when not streamed),
    /// completions (`choices[].text`), reasoning fields, `usage`, and `error` objects.
    private mutating func visitOpenAI(_ path: KeyPath, _ value: JSONScalar) {
        if path.key(0, "choices") {
            if path.is("choices", "delta", "content") || path.is("choices", "message", "content") || path.is("choices", "text")
                || path.is("choices", "delta", "reasoning_content") || path.is("choices", "delta", "reasoning")
            {
                content(value)
            } else if path.is("choices", "finish_reason") {
                if case .string = value { sawFinishReason = true }
            }
        } else if path.key(0, "usage") {
            if path.is("usage", "prompt_tokens"), let count = Self.integer(value) { usageInputTokens = count }
            if path.is("usage", "completion_tokens"), let count = Self.integer(value) {
                usageOutputTokens = count
                cumulativeOutputTokens = count
            }
        } else if path.key(0, "error") {
            if path.is("error", "message") || path.is("error") { errorMessage(value, default: .http5xx) }
        }
    }

    /// Anthropic Messages: `message_start.message.usage`, `content_block_delta.delta.{text,thinking,partial_json}`,
    /// `message_delta.usage.output_tokens`, `message_stop`, `error.{type,message}`; non-streamed `content[].text` and `usage`.
    private mutating func visitAnthropic(_ path: KeyPath, _ value: JSONScalar) {
        if path.is("type"), case .string(let text) = value {
            if text.equals("message_start") {
                anthropicEvent = .messageStart
            } else if text.equals("message_delta") {
                anthropicEvent = .messageDelta
            } else if text.equals("message_stop") {
                anthropicEvent = .messageStop
                terminal = true
            } else if text.equals("error") {
                anthropicEvent = .error
                if serverError == nil { serverError = .http5xx }
            } else if text.equals("message") {
                terminal = true
            }  // a non-streamed response body
        } else if path.is("delta", "text") || path.is("delta", "thinking") || path.is("delta", "partial_json") || path.is("content", "text")
        {
            content(value)
        } else if path.is("message", "usage", "input_tokens") || path.is("usage", "input_tokens") {
            if let count = Self.integer(value) { usageInputTokens = count }
        } else if path.is("usage", "output_tokens") {
            // message_delta carries the final cumulative count.
            if let count = Self.integer(value) { usageOutputTokens = count }
        } else if path.is("error", "type"), case .string(let text) = value {
            serverError =
                text.equals("rate_limit_error")
                ? .http429
                : text.equals("invalid_request_error") || text.equals("authentication_error") || text.equals("permission_error")
                    || text.equals("not_found_error") ? .http4xx : .http5xx
        } else if path.is("error", "message") {
            errorMessage(value, default: .http5xx)
        }
    }

    /// Ollama `/api/chat` (`message.content`) and `/api/generate` (`response`), `done`, and the engine's
    /// `prompt_eval_count`, `eval_count`, `load_duration`, `prompt_eval_duration`, `eval_duration` (nanoseconds).
    private mutating func visitOllama(_ path: KeyPath, _ value: JSONScalar) {
        guard path.depth <= 2 else { return }
        if path.is("message", "content") || path.is("response") || path.is("message", "thinking") || path.is("thinking") {
            content(value)
        } else if path.is("done") {
            if case .bool(true) = value { terminal = true }
        } else if path.is("prompt_eval_count") {
            if let count = Self.integer(value) {
                usageInputTokens = count
                engine.promptEvalCount = Double(count)
            }
        } else if path.is("eval_count") {
            if let count = Self.integer(value) {
                usageOutputTokens = count
                engine.evalCount = Double(count)
            }
        } else if path.is("load_duration") {
            if let ms = Self.milliseconds(nanoseconds: value) { engine.loadDurationMs = ms }
        } else if path.is("prompt_eval_duration") {
            if let ms = Self.milliseconds(nanoseconds: value) { engine.promptEvalDurationMs = ms }
        } else if path.is("eval_duration") {
            if let ms = Self.milliseconds(nanoseconds: value) { engine.evalDurationMs = ms }
        } else if path.is("error") {
            errorMessage(value, default: .http5xx)
        }
    }

    /// TGI `/generate_stream`: one token per event (`token.text`, `token.special`), the last event carries
    /// `generated_text` and `details.generated_tokens`; `/generate` returns `generated_text` and `details`.
    private mutating func visitTGI(_ path: KeyPath, _ value: JSONScalar) {
        if path.is("token", "text") {
            tokenSeen = true
            if case .string(let text) = value { tokenText = text }
        } else if path.is("token", "special") {
            tokenSeen = true
            if case .bool(true) = value { tokenSpecial = true }
        } else if path.is("generated_text") {
            if case .string(let text) = value {
                terminal = true
                if !streaming, !text.isEmpty {
                    contentFields += 1
                    contentBytes += text.rawCount
                    keep(text)
                }
            }
        } else if path.is("details", "generated_tokens") {
            if let count = Self.integer(value) { usageOutputTokens = count }
        } else if path.is("error") {
            errorMessage(value, default: .http5xx)
        }
    }
}

/// Figures a serving engine reports about a request (Ollama), NaN when absent.
struct EngineFigures: Equatable {
    var loadDurationMs = Double.nan
    var promptEvalDurationMs = Double.nan
    var evalDurationMs = Double.nan
    var promptEvalCount = Double.nan
    var evalCount = Double.nan

    /// Equal when every figure is equal or absent on both sides (NaN marks absence, so it equals NaN here).
    static func == (lhs: EngineFigures, rhs: EngineFigures) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return same(lhs.loadDurationMs, rhs.loadDurationMs) && same(lhs.promptEvalDurationMs, rhs.promptEvalDurationMs)
            && same(lhs.evalDurationMs, rhs.evalDurationMs) && same(lhs.promptEvalCount, rhs.promptEvalCount)
            && same(lhs.evalCount, rhs.evalCount)
    }

    /// Whether any figure was reported.
    var isEmpty: Bool {
        loadDurationMs.isNaN && promptEvalDurationMs.isNaN && evalDurationMs.isNaN && promptEvalCount.isNaN && evalCount.isNaN
    }
}
