import NIOCore

extension TruthRecord {
    /// Writes the record as one line of JSON (times in milliseconds), newline included.
    ///
    /// Keys: `request_id, random_stream, api, endpoint, model, streaming, status, input_tokens, output_tokens,
    /// chunks, chunks_sent, header_delay_ms, ttft_ms, gaps_ms, first_content_ms, finished_ms,
    /// fault, outcome`.
    func writeJSONLine(into b: inout ByteBuffer) {
        b.writeStaticString(#"{"request_id":"#)
        b.writeDecimal(requestID)
        b.writeStaticString(#","random_stream":"#)
        b.writeDecimal(randomStream)
        b.writeStaticString(#","api":"#)
        b.writeJSONString(api.rawValue)
        b.writeStaticString(#","endpoint":"#)
        b.writeJSONString(endpoint.path)
        b.writeStaticString(#","model":"#)
        b.writeJSONString(model)
        b.writeStaticString(streaming ? #","streaming":true"# : #","streaming":false"#)
        b.writeStaticString(#","status":"#)
        b.writeDecimal(status)
        b.writeStaticString(#","input_tokens":"#)
        b.writeDecimal(inputTokens)
        b.writeStaticString(#","output_tokens":"#)
        b.writeDecimal(outputTokens)
        b.writeStaticString(#","chunks":"#)
        b.writeDecimal(chunks)
        b.writeStaticString(#","chunks_sent":"#)
        b.writeDecimal(chunksSent)
        b.writeStaticString(#","header_delay_ms":"#)
        b.writeJSONNumber(headerDelay.milliseconds)
        b.writeStaticString(#","ttft_ms":"#)
        b.writeJSONNumber(scheduledTTFT.milliseconds)
        b.writeStaticString(#","gaps_ms":["#)
        for (i, gap) in scheduledGaps.enumerated() {
            if i > 0 { b.writeStaticString(",") }
            b.writeJSONNumber(gap.milliseconds)
        }
        b.writeStaticString(#"],"first_content_ms":"#)
        if let firstContentWritten {
            b.writeJSONNumber(firstContentWritten.milliseconds)
        } else {
            b.writeStaticString("null")
        }
        b.writeStaticString(#","finished_ms":"#)
        b.writeJSONNumber(finished.milliseconds)
        b.writeStaticString(#","fault":"#)
        if let fault { b.writeJSONString(fault.rawValue) } else { b.writeStaticString("null") }
        b.writeStaticString(#","outcome":"#)
        b.writeJSONString(outcome.rawValue)
        b.writeStaticString("}\n")
    }
}
