import NIOCore

/// Anthropic Messages, streamed as named SSE events or returned as one JSON message.
///
/// `message_start` (with `usage.input_tokens`), `content_block_start` and a `ping` go out with the
/// response head, before the model "thinks"; the first `content_block_delta` (a `text_delta`)
/// comes at TTFT, one per chunk; `content_block_stop`, `message_delta` (with `stop_reason` and
/// `usage.output_tokens`) and `message_stop` follow the last chunk. Without usage reporting no
/// `usage` object is written.
struct AnthropicWire: WireFormat {
    private let facts: ResponseFacts

    init(facts: ResponseFacts) {
        self.facts = facts
    }

    var streamContentType: String { "text/event-stream; charset=utf-8" }

    var extraHeaders: [(String, String)] {
        [("request-id", "req_sim_\(facts.requestID)"), ("anthropic-organization-id", "lens-gate-sim")]
    }

    func writePreamble(into buffer: inout ByteBuffer) {
        buffer.writeFrame(prefix: "event: message_start\ndata: ", terminator: "\n\n") { b in
            b.writeStaticString(#"{"type":"message_start","message":"#)
            writeMessage(&b, content: false, outputTokens: 1, stopReason: nil)
            b.writeStaticString("}")
        }
        buffer.writeStaticString("event: content_block_start\ndata: ")
        buffer.writeStaticString(#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
        buffer.writeStaticString("\n\nevent: ping\ndata: ")
        buffer.writeStaticString(#"{"type": "ping"}"#)
        buffer.writeStaticString("\n\n")
    }

    func writeChunk(_ index: Int, corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        buffer.writeFrame(
            prefix: "event: content_block_delta\ndata: ", terminator: "\n\n",
            malformed: corruption == .malformedJSON
        ) { b in
            b.writeStaticString(#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""#)
            facts.plan.text.write(
                facts.plan.tokenRange(ofChunk: index), invalidUTF8: corruption == .invalidUTF8, into: &b)
            b.writeStaticString(#""}}"#)
        }
    }

    func writeEpilogue(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("event: content_block_stop\ndata: ")
        buffer.writeStaticString(#"{"type":"content_block_stop","index":0}"#)
        buffer.writeStaticString("\n\n")
        buffer.writeFrame(prefix: "event: message_delta\ndata: ", terminator: "\n\n") { b in
            b.writeStaticString(#"{"type":"message_delta","delta":{"stop_reason":"#)
            b.writeJSONString(stopReason)
            b.writeStaticString(#","stop_sequence":null}"#)
            if facts.reportsUsage {
                b.writeStaticString(#","usage":{"output_tokens":"#)
                b.writeDecimal(facts.plan.outputTokens)
                b.writeStaticString("}")
            }
            b.writeStaticString("}")
        }
        buffer.writeStaticString("event: message_stop\ndata: ")
        buffer.writeStaticString(#"{"type":"message_stop"}"#)
        buffer.writeStaticString("\n\n")
    }

    func writeBody(corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        writeMessage(
            &buffer, content: true, outputTokens: facts.plan.outputTokens, stopReason: stopReason,
            invalidUTF8: corruption == .invalidUTF8)
    }

    /// A cancelled stream closes its content block and ends, without `message_delta` or `message_stop`.
    func writeCut(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("event: content_block_stop\ndata: ")
        buffer.writeStaticString(#"{"type":"content_block_stop","index":0}"#)
        buffer.writeStaticString("\n\n")
    }

    /// A message with an empty content list and no stop reason.
    func writeCutBody(into buffer: inout ByteBuffer) {
        writeMessage(&buffer, content: false, outputTokens: 0, stopReason: nil)
    }

    private var stopReason: String {
        facts.plan.finishReason == .length ? "max_tokens" : "end_turn"
    }

    private func writeMessage(
        _ b: inout ByteBuffer, content: Bool, outputTokens: Int, stopReason: String?, invalidUTF8: Bool = false
    ) {
        b.writeStaticString(#"{"id":"msg_sim_"#)
        b.writeDecimal(facts.requestID)
        b.writeStaticString(#"","type":"message","role":"assistant","model":"#)
        b.writeJSONString(facts.model)
        if content {
            b.writeStaticString(#","content":[{"type":"text","text":""#)
            facts.plan.text.write(0..<facts.plan.outputTokens, invalidUTF8: invalidUTF8, into: &b)
            b.writeStaticString(#""}]"#)
        } else {
            b.writeStaticString(#","content":[]"#)
        }
        b.writeStaticString(#","stop_reason":"#)
        if let stopReason { b.writeJSONString(stopReason) } else { b.writeStaticString("null") }
        b.writeStaticString(#","stop_sequence":null"#)
        if facts.reportsUsage {
            b.writeStaticString(#","usage":{"input_tokens":"#)
            b.writeDecimal(facts.request.inputTokens)
            b.writeStaticString(#","cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":"#)
            b.writeDecimal(outputTokens)
            b.writeStaticString("}")
        }
        b.writeStaticString("}")
    }
}
