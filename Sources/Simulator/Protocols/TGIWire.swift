import NIOCore

/// Hugging Face TGI's native `/generate_stream` (SSE, one `data:{json}` event per token) and
/// `/generate` (one JSON body).
///
/// TGI streams token by token, so a chunk of k tokens is k events written in one flush. The event
/// of the last token carries `generated_text` and `details` (`finish_reason`, `generated_tokens`,
/// `seed`); there is no `[DONE]`. `/generate` reports `details` only when `parameters.details` is true.
/// Without usage reporting `details` is null (streamed) or absent.
struct TGIWire: WireFormat {
    private let facts: ResponseFacts

    init(facts: ResponseFacts) {
        self.facts = facts
    }

    var streamContentType: String { "text/event-stream" }

    var extraHeaders: [(String, String)] {
        [("x-compute-type", "cpu"), ("x-generated-tokens", "\(facts.plan.outputTokens)")]
    }

    func writePreamble(into buffer: inout ByteBuffer) {}

    func writeChunk(_ index: Int, corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        let plan = facts.plan
        let range = plan.tokenRange(ofChunk: index)
        for token in range {
            let first = token == range.lowerBound
            let word = plan.text.wordIndex(token)
            buffer.writeFrame(prefix: "data:", terminator: "\n\n", malformed: first && corruption == .malformedJSON) { b in
                b.writeStaticString(#"{"index":"#)
                b.writeDecimal(token + 1)
                b.writeStaticString(#","token":{"id":"#)
                b.writeDecimal(TokenText.tokenIDs[word])
                b.writeStaticString(#","text":""#)
                plan.text.write(token..<token + 1, invalidUTF8: first && corruption == .invalidUTF8, into: &b)
                b.writeStaticString(#"","logprob":"#)
                b.writeString(TokenText.logprobTexts[word])
                b.writeStaticString(#","special":false},"generated_text":"#)
                if token == plan.outputTokens - 1 {
                    b.writeStaticString(#"""#)
                    plan.text.write(0..<plan.outputTokens, into: &b)
                    b.writeStaticString(#"","details":"#)
                    if facts.reportsUsage { writeDetails(&b, full: false) } else { b.writeStaticString("null") }
                } else {
                    b.writeStaticString(#"null,"details":null"#)
                }
                b.writeStaticString(#","top_tokens":null}"#)
            }
        }
    }

    func writeEpilogue(into buffer: inout ByteBuffer) {}

    func writeBody(corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"generated_text":""#)
        facts.plan.text.write(0..<facts.plan.outputTokens, invalidUTF8: corruption == .invalidUTF8, into: &buffer)
        buffer.writeStaticString(#"""#)
        if facts.request.details, facts.reportsUsage {
            buffer.writeStaticString(#","details":"#)
            writeDetails(&buffer, full: true)
        }
        buffer.writeStaticString("}")
    }

    /// A cancelled stream just ends: no event carries `generated_text`.
    func writeCut(into buffer: inout ByteBuffer) {}

    /// Empty generated text.
    func writeCutBody(into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"generated_text":""}"#)
    }

    private func writeDetails(_ b: inout ByteBuffer, full: Bool) {
        b.writeStaticString(#"{"finish_reason":"#)
        b.writeJSONString(facts.plan.finishReason == .length ? "length" : "eos_token")
        b.writeStaticString(#","generated_tokens":"#)
        b.writeDecimal(facts.plan.outputTokens)
        b.writeStaticString(#","seed":null"#)
        if full { b.writeStaticString(#","prefill":[],"tokens":[]"#) }
        b.writeStaticString("}")
    }
}
