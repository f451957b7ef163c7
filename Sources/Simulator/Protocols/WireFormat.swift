import NIOCore

/// How one chunk is damaged by an injected fault.
enum ChunkCorruption: Sendable, Equatable {
    case none
    /// The frame's JSON is cut in half; its SSE/NDJSON terminator stays, so framing survives.
    case malformedJSON
    /// The chunk's text carries bytes that are not UTF-8.
    case invalidUTF8
}

/// Facts about one response that every wire format prints.
struct ResponseFacts: Sendable {
    /// Simulator request id.
    let requestID: UInt64
    /// Model name echoed in the response.
    let model: String
    /// What the response will contain and when.
    let plan: GenerationPlan
    /// The parsed request.
    let request: GenerationRequest
    /// Wall-clock time of the request, for `created` fields.
    let created: WallClock.Instant
    /// Whether token counts (usage) are written.
    let reportsUsage: Bool
}

/// One API's encoding of a simulated generation: the frames of a stream, or a whole body.
///
/// A stream is: head (+ `preamble`, sent with it), then chunk 0 at TTFT, chunk i after gap i-1,
/// and `epilogue` together with the last chunk; a cut stream ends with `cut` instead.
protocol WireFormat {
    /// `Content-Type` of a streamed response.
    var streamContentType: String { get }
    /// Extra response headers the real API sends (request ids and the like).
    var extraHeaders: [(String, String)] { get }
    /// Frames sent with the response head, before any content (Anthropic's `message_start`).
    func writePreamble(into buffer: inout ByteBuffer)
    /// The frame(s) of content chunk `index`.
    func writeChunk(_ index: Int, corruption: ChunkCorruption, into buffer: inout ByteBuffer)
    /// The frames after the last content chunk (finish reason, usage, terminator).
    func writeEpilogue(into buffer: inout ByteBuffer)
    /// The complete non-streamed body.
    func writeBody(corruption: ChunkCorruption, into buffer: inout ByteBuffer)
    /// What a server sends when it cancels the generation after `facts.plan.faultChunk` content
    /// chunks: frames that end the stream without the protocol's end marker (maybe none).
    func writeCut(into buffer: inout ByteBuffer)
    /// A non-streamed body of a cancelled generation: well-formed, without any content.
    func writeCutBody(into buffer: inout ByteBuffer)
}

extension ByteBuffer {
    /// Writes one frame: `prefix`, the JSON produced by `json`, `terminator`. When `malformed`,
    /// the JSON is cut to half its length before the terminator.
    @inline(__always)
    mutating func writeFrame(
        prefix: StaticString, terminator: StaticString, malformed: Bool = false,
        _ json: (inout ByteBuffer) -> Void
    ) {
        writeStaticString(prefix)
        let start = writerIndex
        json(&self)
        if malformed {
            moveWriterIndex(to: start + (writerIndex - start) / 2)
        }
        writeStaticString(terminator)
    }
}

/// Builds the wire format for an endpoint (a free function because protocol statics need a concrete type).
func makeWireFormat(for endpoint: Endpoint, facts: ResponseFacts) -> any WireFormat {
    switch endpoint {
    case .openAIChatCompletions: return OpenAIWire(facts: facts, chat: true)
    case .openAICompletions: return OpenAIWire(facts: facts, chat: false)
    case .anthropicMessages: return AnthropicWire(facts: facts)
    case .ollamaChat: return OllamaWire(facts: facts, chat: true)
    case .ollamaGenerate: return OllamaWire(facts: facts, chat: false)
    case .tgiGenerate, .tgiGenerateStream: return TGIWire(facts: facts)
    }
}
