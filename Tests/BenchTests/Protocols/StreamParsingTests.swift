import LensCore
import Stats
import Testing

@testable import Bench

/// Stream framing and interpretation of each protocol, and independence from chunk boundaries.
@Suite struct StreamParsingTests {
    static let streamed: [WireProtocol] = [.openAIChat, .anthropic, .tgi, .ollamaChat]

    @Test func openAIChatStream() {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(.openAIChat), wire: .openAIChat, chunks: [])
        #expect(progress.malformed == nil)
        #expect(progress.contentEvents == 3, "the empty role chunk carries no content")
        #expect(progress.isComplete)
        #expect(progress.interpreter.usageInputTokens == 12)
        #expect(progress.outputTokens.count == 3)
        #expect(progress.outputTokens.fromServer)
    }

    @Test func anthropicStream() {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(.anthropic), wire: .anthropic, chunks: [])
        #expect(progress.malformed == nil)
        #expect(progress.contentEvents == 2)
        #expect(progress.isComplete)
        #expect(progress.interpreter.usageInputTokens == 25)
        #expect(progress.outputTokens.count == 2)
    }

    @Test func tgiStreamCountsSpecialTokensButNotAsContent() {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(.tgi), wire: .tgi, chunks: [])
        #expect(progress.contentEvents == 2)
        #expect(progress.countedTokens == 3)
        #expect(progress.isComplete)
        #expect(progress.outputTokens.count == 3)
    }

    @Test func ollamaStreamReportsEngineFigures() {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(.ollamaChat), wire: .ollamaChat, chunks: [])
        #expect(progress.contentEvents == 3)
        #expect(progress.isComplete)
        #expect(progress.outputTokens.count == 4)
        #expect(progress.interpreter.engine.loadDurationMs == 2)
        #expect(progress.interpreter.engine.promptEvalDurationMs == 130)
        #expect(progress.interpreter.engine.evalDurationMs == 900)
        #expect(progress.interpreter.engine.promptEvalCount == 26)
    }

    @Test func gapsAreMeasuredBetweenContentArrivals() {
        // One byte per chunk would stamp every frame differently; feed whole frames instead.
        let bytes = StreamFixtures.bytes(.ollamaChat)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.count + 1 }
        let progress = StreamFixtures.decode(bytes, wire: .ollamaChat, chunks: lines)
        // Content arrives in chunks 0, 1 and 2 (1 ms apart): two gaps of 1 ms.
        #expect(progress.gapsMs == [1, 1])
        #expect(progress.firstContentNs == 0)
    }

    /// Property: however a stream is cut into chunks, it parses to the same counts, usage and end.
    @Test(arguments: streamed)
    func splittingAtAnyByteBoundaryGivesTheSameResult(wire: WireProtocol) {
        for crlf in [false, true] {
            let bytes = StreamFixtures.bytes(wire, crlf: crlf)
            let whole = StreamFixtures.decode(bytes, wire: wire, chunks: [])
            #expect(whole.malformed == nil)
            for seed in 0..<300 {
                var random = SeededGenerator(seed: UInt64(seed))
                let maxChunk = [1, 2, 3, 7, 16, 64, 256][seed % 7]
                let sizes = (0..<bytes.count).map { _ in 1 + Int(random.next() % UInt64(maxChunk)) }
                let split = StreamFixtures.decode(bytes, wire: wire, chunks: sizes)
                #expect(split.malformed == nil, "seed \(seed)")
                #expect(split.contentEvents == whole.contentEvents, "seed \(seed)")
                #expect(split.countedTokens == whole.countedTokens, "seed \(seed)")
                #expect(split.contentBytes == whole.contentBytes, "seed \(seed)")
                #expect(split.isComplete == whole.isComplete, "seed \(seed)")
                #expect(split.outputTokens.count == whole.outputTokens.count, "seed \(seed)")
                #expect(split.interpreter.usageInputTokens == whole.interpreter.usageInputTokens, "seed \(seed)")
                #expect(split.interpreter.engine == whole.interpreter.engine, "seed \(seed)")
            }
        }
    }

    @Test func truncatedStreamIsIncomplete() {
        for wire in Self.streamed {
            let bytes = StreamFixtures.bytes(wire)
            let cut = Array(bytes[0..<(bytes.count * 2 / 3)])
            let progress = StreamFixtures.decode(cut, wire: wire, chunks: [])
            #expect(progress.malformed == nil, "\(wire)")
            #expect(!progress.isComplete, "\(wire)")
        }
    }

    @Test func malformedJSONAndInvalidUTF8AreDetected() {
        var broken = Array("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}\n\ndata: [DONE]\n\n".utf8)
        #expect(StreamFixtures.decode(broken, wire: .openAIChat, chunks: []).malformed != nil)
        broken = Array("data: {\"choices\":[{\"delta\":{\"content\":\"a".utf8) + [0xC3, 0x28] + Array("\"}}]}\n\ndata: [DONE]\n\n".utf8)
        #expect(StreamFixtures.decode(broken, wire: .openAIChat, chunks: []).malformed?.contains("UTF-8") == true)
        let ndjson = Array("{\"response\":\"x\",\"done\":false}\n{\"response\":\n".utf8)
        #expect(StreamFixtures.decode(ndjson, wire: .ollamaGenerate, chunks: []).malformed != nil)
    }

    @Test func serverErrorsInsideStreamsAreClassified() {
        let anthropic = Array(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n".utf8)
        let progress = StreamFixtures.decode(anthropic, wire: .anthropic, chunks: [])
        #expect(progress.interpreter.serverError == .http5xx)
        #expect(progress.interpreter.serverMessage == "Overloaded")
        let limited = Array("data: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}\n\n".utf8)
        #expect(StreamFixtures.decode(limited, wire: .anthropic, chunks: []).interpreter.serverError == .http429)
    }

    @Test func sseFramingFollowsTheStandard() throws {
        var framer = SSEFramer()
        var events: [String] = []
        // A complete line without its blank line is dispatched at the end; an unfinished line is not.
        let text = "data: a\r\ndata:b\r\rdata: c\n\n:comment\nevent: x\ndata:  two spaces\n\ndata: tail\ndata: cut"
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            try framer.feed(buffer) { data, _ in events.append(String(decoding: data, as: UTF8.self)) }
        }
        let leftover = try framer.finish { data, _ in events.append(String(decoding: data, as: UTF8.self)) }
        #expect(events == ["a\nb", "c", " two spaces", "tail"])
        #expect(leftover)
    }

    @Test func continuousUsageSplitsGapsPerToken() {
        let text = """
            data: {"choices":[{"delta":{"content":"a"}}],"usage":{"completion_tokens":1}}

            data: {"choices":[{"delta":{"content":"bcd"}}],"usage":{"completion_tokens":4}}

            data: [DONE]


            """
        let bytes = Array(text.utf8)
        let first = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 2
        let progress = StreamFixtures.decode(bytes, wire: .openAIChat, chunks: [first, bytes.count])
        // The second chunk arrived 1 ms after the first and carried 3 tokens: three gaps of 1/3 ms.
        #expect(progress.gapsMs.count == 3)
        #expect(progress.gapsMs.allSatisfy { abs($0 - 1.0 / 3.0) < 1e-4 })
        #expect(progress.countedTokens == 4)
    }
}
