import NIOCore

/// Ollama's native `/api/chat` and `/api/generate`: newline-delimited JSON objects, one per chunk,
/// and a final object with `done: true` and the timing fields in nanoseconds.
///
/// The timing fields report the simulator's schedule: `load_duration` is the slow-headers delay
/// (0 without that fault), `prompt_eval_duration` the TTFT, `eval_duration` the sum of the chunk
/// gaps, `total_duration` their sum. Every line carries the request's wall-clock time as `created_at`.
/// Without usage reporting the final object has no `prompt_eval_count` or `eval_count`.
struct OllamaWire: WireFormat {
    private let facts: ResponseFacts
    private let chat: Bool
    /// `{"model":…,"created_at":…,` shared by every line.
    private let lineHead: ByteBuffer

    init(facts: ResponseFacts, chat: Bool) {
        self.facts = facts
        self.chat = chat
        self.lineHead = jsonBody { b in
            b.writeStaticString(#"{"model":"#)
            b.writeJSONString(facts.model)
            b.writeStaticString(#","created_at":""#)
            b.writeString(facts.created.rfc3339)
            b.writeStaticString(#"","#)
        }
    }

    var streamContentType: String { "application/x-ndjson" }

    var extraHeaders: [(String, String)] { [] }

    func writePreamble(into buffer: inout ByteBuffer) {}

    func writeChunk(_ index: Int, corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        buffer.writeFrame(prefix: "", terminator: "\n", malformed: corruption == .malformedJSON) { b in
            b.writeImmutableBuffer(lineHead)
            b.writeStaticString(chat ? #""message":{"role":"assistant","content":""# : #""response":""#)
            facts.plan.text.write(
                facts.plan.tokenRange(ofChunk: index), invalidUTF8: corruption == .invalidUTF8, into: &b)
            b.writeStaticString(chat ? #""},"done":false}"# : #"","done":false}"#)
        }
    }

    func writeEpilogue(into buffer: inout ByteBuffer) {
        buffer.writeFrame(prefix: "", terminator: "\n") { b in
            writeFinal(&b, text: nil, invalidUTF8: false)
        }
    }

    func writeBody(corruption: ChunkCorruption, into buffer: inout ByteBuffer) {
        writeFinal(&buffer, text: 0..<facts.plan.outputTokens, invalidUTF8: corruption == .invalidUTF8)
    }

    /// A cancelled stream ends after an empty `done: false` line, never sending `done: true`.
    func writeCut(into buffer: inout ByteBuffer) {
        buffer.writeFrame(prefix: "", terminator: "\n") { b in
            b.writeImmutableBuffer(lineHead)
            b.writeStaticString(chat ? #""message":{"role":"assistant","content":""},"done":false}"# : #""response":"","done":false}"#)
        }
    }

    /// A final object with empty text.
    func writeCutBody(into buffer: inout ByteBuffer) {
        writeFinal(&buffer, text: nil, invalidUTF8: false, evalCount: 0)
    }

    private func writeFinal(_ b: inout ByteBuffer, text: Range<Int>?, invalidUTF8: Bool, evalCount: Int? = nil) {
        let plan = facts.plan
        b.writeImmutableBuffer(lineHead)
        b.writeStaticString(chat ? #""message":{"role":"assistant","content":""# : #""response":""#)
        if let text { plan.text.write(text, invalidUTF8: invalidUTF8, into: &b) }
        b.writeStaticString(chat ? #""},"done_reason":"# : #"","done_reason":"#)
        b.writeJSONString(plan.finishReason == .length ? "length" : "stop")
        let load = plan.headerDelayNanos
        let prompt = plan.ttftNanos
        let eval = plan.totalGapNanos
        b.writeStaticString(#","done":true,"total_duration":"#)
        b.writeDecimal(load &+ prompt &+ eval)
        b.writeStaticString(#","load_duration":"#)
        b.writeDecimal(load)
        if facts.reportsUsage {
            b.writeStaticString(#","prompt_eval_count":"#)
            b.writeDecimal(facts.request.inputTokens)
        }
        b.writeStaticString(#","prompt_eval_duration":"#)
        b.writeDecimal(prompt)
        if facts.reportsUsage {
            b.writeStaticString(#","eval_count":"#)
            b.writeDecimal(evalCount ?? plan.outputTokens)
        }
        b.writeStaticString(#","eval_duration":"#)
        b.writeDecimal(eval)
        b.writeStaticString("}")
    }
}
