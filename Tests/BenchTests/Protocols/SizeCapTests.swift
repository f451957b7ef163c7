import LensCore
import Testing

@testable import Bench

/// Streamed events and whole responses are capped: past a cap the decoder stops holding bytes and
/// the request fails as `response_too_large`, naming the cap and how to raise it.
@Suite struct SizeCapTests {
    static let cap = 1024

    /// Feeds `bytes` in `size`-byte chunks.
    static func feed(_ decoder: inout ResponseDecoder, _ bytes: [UInt8], chunk size: Int = 100) {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            bytes[offset..<end].withUnsafeBufferPointer { decoder.consume($0, at: Int64(offset)) }
            offset = end
        }
    }

    static func limits(event: Int = cap, response: Int = 1 << 20) -> ResponseLimits {
        var load = LoadConfig()
        load.maxEventBytes = event
        load.maxResponseBytes = response
        return ResponseLimits(load: load)
    }

    /// One endless line without a newline: the framer holds at most the cap, whatever arrives after.
    @Test func sseLineWithoutEndIsCappedInMemory() throws {
        var framer = SSEFramer(maximumEventBytes: Self.cap)
        let line = Array("data: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 50 * Self.cap)
        var events = 0
        for start in stride(from: 0, to: line.count, by: 100) {
            try line[start..<min(start + 100, line.count)].withUnsafeBufferPointer { buffer in
                try framer.feed(buffer) { _, _ in events += 1 }
            }
            #expect(framer.bufferedBytes <= Self.cap)
        }
        #expect(framer.exceededLimit)
        #expect(events == 0)
    }

    /// Many small `data:` lines of one event add up to the cap too.
    @Test func sseEventOfManyDataLinesIsCapped() throws {
        var framer = SSEFramer(maximumEventBytes: Self.cap)
        let text = String(repeating: "data: 0123456789abcdef\n", count: 200)
        try Array(text.utf8).withUnsafeBufferPointer { buffer in try framer.feed(buffer) { _, _ in } }
        #expect(framer.exceededLimit)
        #expect(framer.bufferedBytes <= Self.cap)
    }

    @Test func ndjsonLineWithoutEndIsCappedInMemory() {
        var framer = NDJSONFramer(maximumLineBytes: Self.cap)
        let line = [UInt8](repeating: UInt8(ascii: " "), count: 20 * Self.cap)
        for start in stride(from: 0, to: line.count, by: 100) {
            try? line[start..<min(start + 100, line.count)].withUnsafeBufferPointer { buffer in try framer.feed(buffer) { _ in } }
            #expect(framer.bufferedBytes <= Self.cap)
        }
        #expect(framer.exceededLimit)
    }

    /// Through the decoder: the request fails as response_too_large and the message names the cap and the key.
    @Test(arguments: [WireProtocol.openAIChat, .anthropic, .ollamaChat, .tgi])
    func oversizedEventFailsTheRequest(wire: WireProtocol) throws {
        var decoder = ResponseDecoder(wire: wire, streaming: true, limits: Self.limits())
        let prefix = wire.framing == .sse ? "data: {\"x\":\"" : "{\"x\":\""
        Self.feed(&decoder, Array(prefix.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10 * Self.cap))
        let progress = decoder.finish(at: 0)
        #expect(progress.exceeded == .event(limit: Self.cap))
        let failure = try #require(progress.failure(cut: "Failed writing received data to disk/application"))
        #expect(failure.0 == .responseTooLarge)
        #expect(failure.1.contains("max_event_size (1 KiB)"))
        #expect(failure.1.contains("raise load.max_event_size"))
    }

    /// Events under the cap parse as usual, however they are split.
    @Test func eventsUnderTheCapAreUntouched() {
        var decoder = ResponseDecoder(wire: .openAIChat, streaming: true, limits: Self.limits())
        let content = String(repeating: "b", count: Self.cap - 200)
        let text = "data: {\"choices\":[{\"delta\":{\"content\":\"\(content)\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
        Self.feed(&decoder, Array(text.utf8), chunk: 7)
        let progress = decoder.finish(at: 0)
        #expect(progress.exceeded == nil)
        #expect(progress.failure(cut: nil) == nil)
        #expect(progress.contentBytes == Self.cap - 200)
    }

    /// The whole response is capped, streamed (many small events) or not.
    @Test(arguments: [true, false])
    func oversizedResponseFailsTheRequest(streaming: Bool) throws {
        var decoder = ResponseDecoder(wire: .openAIChat, streaming: streaming, limits: Self.limits(event: 1024, response: 4096))
        let event = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"
        let body =
            streaming
            ? String(repeating: event, count: 200)
            : "{\"choices\":[{\"message\":{\"content\":\"" + String(repeating: "x", count: 8000) + "\"}}]}"
        Self.feed(&decoder, Array(body.utf8))
        let progress = decoder.finish(at: 0)
        #expect(progress.exceeded == .response(limit: 4096))
        let failure = try #require(progress.failure(cut: nil))
        #expect(failure.0 == .responseTooLarge)
        #expect(failure.1.contains("max_response_size (4 KiB)"))
        // The decoder is reusable: the next response starts clean.
        decoder.reset(wire: .openAIChat, streaming: true)
        Self.feed(&decoder, Array((event + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").utf8))
        #expect(decoder.finish(at: 0).failure(cut: nil) == nil)
    }
}
