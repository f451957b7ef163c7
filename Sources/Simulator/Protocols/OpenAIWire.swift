import NIOCore

/// OpenAI Chat Completions and (legacy) Completions, streamed as SSE `data: {json}` events ending
/// with `data: [DONE]`, or as one JSON body.
///
/// A chat stream opens with a `delta.role` chunk, sent together with the first content chunk at
/// TTFT (as vLLM does); then one chunk per content chunk; then a chunk with an empty delta and
/// `finish_reason`; with `stream_options.include_usage` a last chunk with empty `choices` and
/// `usage` (and `"usage":null` on all the others, as OpenAI does); then `[DONE]`. Without usage
/// reporting there is no usage at all, whatever the request asks.
struct OpenAIWire: WireFormat {
    private let facts: ResponseFacts
    private let chat: Bool
    /// `{"id":…,"object":…,"created":…,"model":…,"system_fingerprint":…,"choices":[` of stream chunks.
    private let chunkHead: ByteBuffer

    init(facts: ResponseFacts, chat: Bool) {
        self.facts = facts
        self.chat = chat
        self.chunkHead = Self.head(facts: facts, chat: chat, streaming: true)
    }

    var streamContentType: String { "text/event-stream; charset=utf-8" }

    var extraHeaders: [(String, String)] {
        [("x-request-id", "req_sim_\(facts.requestID)"), ("openai-processing-ms", "0")]
    }

    func writePreamble(into buffer: inout ByteBuffer) {}

    func writeChunk(_ index: Int, corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        if index == 0 && chat {
            buffer.writeFrame(prefix: "data: ", terminator: "\n\n") { b in
                b.writeImmutableBuffer(chunkHead)
                b.writeStaticString(#"{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]"#)
                writeUsageNull(&b)
                b.writeStaticString("}")
            }
        }
        buffer.writeFrame(prefix: "data: ", terminator: "\n\n", malformed: corruption == .malformedJSON) { b in
            b.writeImmutableBuffer(chunkHead)
            b.writeStaticString(chat ? #"{"index":0,"delta":{"content":""# : #"{"text":""#)
            facts.plan.text.write(
                facts.plan.tokenRange(ofChunk: index), invalidUTF8: corruption == .invalidUTF8, into: &b)
            b.writeStaticString(
                chat
                    ? #""},"logprobs":null,"finish_reason":null}]"#
                    : #"","index":0,"logprobs":null,"finish_reason":null}]"#)
            writeUsageNull(&b)
            b.writeStaticString("}")
        }
    }

    func writeEpilogue(into buffer: inout ByteBuffer) {
        buffer.writeFrame(prefix: "data: ", terminator: "\n\n") { b in
            b.writeImmutableBuffer(chunkHead)
            b.writeStaticString(chat ? #"{"index":0,"delta":{},"# : #"{"text":"","index":0,"#)
            b.writeStaticString(#""logprobs":null,"finish_reason":"#)
            b.writeJSONString(finishReason)
            b.writeStaticString("}]")
            writeUsageNull(&b)
            b.writeStaticString("}")
        }
        if includeUsage {
            buffer.writeFrame(prefix: "data: ", terminator: "\n\n") { b in
                b.writeImmutableBuffer(chunkHead)
                b.writeStaticString("],")
                writeUsage(&b)
                b.writeStaticString("}")
            }
        }
        buffer.writeStaticString("data: [DONE]\n\n")
    }

    func writeBody(corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        buffer.writeImmutableBuffer(Self.head(facts: facts, chat: chat, streaming: false))
        buffer.writeStaticString(
            chat ? #"{"index":0,"message":{"role":"assistant","content":""# : #"{"text":""#)
        facts.plan.text.write(0..<facts.plan.outputTokens, invalidUTF8: corruption == .invalidUTF8, into: &buffer)
        buffer.writeStaticString(chat ? #"","refusal":null},"# : #"","index":0,"#)
        buffer.writeStaticString(#""logprobs":null,"finish_reason":"#)
        buffer.writeJSONString(finishReason)
        buffer.writeStaticString("}]")
        if facts.reportsUsage {
            buffer.writeStaticString(",")
            writeUsage(&buffer)
        }
        buffer.writeStaticString("}")
    }

    /// llama.cpp's server ends a stream it cancels with the role-only chunk (if not sent yet) and
    /// `[DONE]`, never a `finish_reason`.
    func writeCut(into buffer: inout ByteBuffer) {
        if facts.plan.faultChunk == 0 {
            buffer.writeFrame(prefix: "data: ", terminator: "\n\n") { b in
                b.writeImmutableBuffer(chunkHead)
                b.writeStaticString(
                    chat
                        ? #"{"index":0,"delta":{"role":"assistant","content":null},"logprobs":null,"finish_reason":null}]"#
                        : #"{"text":"","index":0,"logprobs":null,"finish_reason":null}]"#)
                writeUsageNull(&b)
                b.writeStaticString("}")
            }
        }
        buffer.writeStaticString("data: [DONE]\n\n")
    }

    /// A completion object without choices.
    func writeCutBody(into buffer: inout ByteBuffer) {
        buffer.writeImmutableBuffer(Self.head(facts: facts, chat: chat, streaming: false))
        buffer.writeStaticString("]")
        if facts.reportsUsage {
            buffer.writeStaticString(",")
            writeUsage(&buffer, output: 0)
        }
        buffer.writeStaticString("}")
    }

    private var includeUsage: Bool { facts.request.includeUsage && facts.reportsUsage }

    private var finishReason: String {
        facts.plan.finishReason == .length ? "length" : "stop"
    }

    private func writeUsageNull(_ b: inout ByteBuffer) {
        if includeUsage { b.writeStaticString(#","usage":null"#) }
    }

    private func writeUsage(_ b: inout ByteBuffer, output: Int? = nil) {
        let input = facts.request.inputTokens
        let output = output ?? facts.plan.outputTokens
        b.writeStaticString(#""usage":{"prompt_tokens":"#)
        b.writeDecimal(input)
        b.writeStaticString(#","completion_tokens":"#)
        b.writeDecimal(output)
        b.writeStaticString(#","total_tokens":"#)
        b.writeDecimal(input + output)
        b.writeStaticString("}")
    }

    private static func head(facts: ResponseFacts, chat: Bool, streaming: Bool) -> ByteBuffer {
        jsonBody { b in
            b.writeStaticString(#"{"id":""#)
            b.writeStaticString(chat ? "chatcmpl-sim-" : "cmpl-sim-")
            b.writeDecimal(facts.requestID)
            b.writeStaticString(#"","object":""#)
            switch (chat, streaming) {
            case (true, true): b.writeStaticString("chat.completion.chunk")
            case (true, false): b.writeStaticString("chat.completion")
            case (false, _): b.writeStaticString("text_completion")
            }
            b.writeStaticString(#"","created":"#)
            b.writeDecimal(facts.created.seconds)
            b.writeStaticString(#","model":"#)
            b.writeJSONString(facts.model)
            b.writeStaticString(#","system_fingerprint":"fp_lens_sim","choices":["#)
        }
    }
}
