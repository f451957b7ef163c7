import LensCore
import Testing

@testable import Bench

/// What makes a 2xx response a success: content and its protocol's end marker, for every protocol,
/// streamed and not; anything else is a failed request with its own class.
@Suite struct ResponseAccountingTests {
    /// Decodes a whole body and classifies it as the runner would after a clean end of transfer.
    static func failure(_ text: String, _ wire: WireProtocol, streaming: Bool = true) -> RequestErrorClass? {
        var decoder = ResponseDecoder(wire: wire, streaming: streaming)
        Array(text.utf8).withUnsafeBufferPointer { decoder.consume($0, at: 0) }
        return decoder.finish(at: 1_000_000).failure(cut: nil)?.0
    }

    /// Streams that end without any content: llama.cpp's cancelled stream (a role-only chunk, then
    /// `[DONE]` without a finish reason), and streams that do end properly but carry nothing.
    static let emptyStreams: [(WireProtocol, String)] = [
        (
            .openAIChat,
            """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}],"object":"chat.completion.chunk"}

            data: [DONE]


            """
        ),
        (
            .openAIChat,
            """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: [DONE]


            """
        ),
        (
            .openAICompletions,
            """
            data: {"choices":[{"text":"","index":0,"finish_reason":null}]}

            data: [DONE]


            """
        ),
        (
            .anthropic,
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """
        ),
        (
            .anthropic,
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":0}}

            event: message_stop
            data: {"type":"message_stop"}


            """
        ),
        (
            .ollamaChat,
            """
            {"model":"m","message":{"role":"assistant","content":""},"done":false}

            """
        ),
        (
            .ollamaChat,
            """
            {"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":0}

            """
        ),
        (
            .tgi,
            """
            data:{"index":1,"token":{"id":2,"text":"</s>","logprob":0,"special":true},"generated_text":"","details":{"finish_reason":"eos_token","generated_tokens":1,"seed":null}}


            """
        ),
        (.tgi, ""),
    ]

    @Test(arguments: emptyStreams)
    func streamWithoutContentIsAnEmptyResponse(wire: WireProtocol, text: String) {
        #expect(Self.failure(text, wire) == .emptyResponse)
    }

    /// Streams with content that close cleanly without their protocol's end marker.
    static let unfinishedStreams: [(WireProtocol, String)] = [
        (
            .openAIChat,
            """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}

            data: [DONE]


            """
        ),
        (
            .openAICompletions,
            """
            data: {"choices":[{"text":"Hello","index":0,"finish_reason":null}]}


            """
        ),
        (
            .anthropic,
            """
            event: message_start
            data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}


            """
        ),
        (
            .ollamaGenerate,
            """
            {"model":"m","response":"The","done":false}
            {"model":"m","response":" sky","done":false}

            """
        ),
        (
            .tgi,
            """
            data:{"index":1,"token":{"id":1,"text":"A","logprob":-0.1,"special":false},"generated_text":null,"details":null}

            data:{"index":2,"token":{"id":2,"text":" b","logprob":-0.1,"special":false},"generated_text":null,"details":null}


            """
        ),
    ]

    @Test(arguments: unfinishedStreams)
    func streamWithoutEndMarkerIsIncomplete(wire: WireProtocol, text: String) {
        #expect(Self.failure(text, wire) == .streamIncomplete)
    }

    /// A stream cut in the middle of a frame is a truncation, not an abandoned generation.
    @Test func streamEndingInsideAFrameIsTruncated() {
        let text = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"de"
        #expect(Self.failure(text, .openAIChat) == .streamTruncated)
        #expect(Self.failure("{\"response\":\"a\",\"done\":false}\n{\"respo", .ollamaGenerate) == .streamTruncated)
    }

    /// The recorded-style fixtures of every protocol are complete successes.
    @Test(arguments: StreamParsingTests.streamed)
    func completeStreamsSucceed(wire: WireProtocol) {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(wire), wire: wire, chunks: [])
        #expect(progress.failure(cut: nil) == nil)
    }

    /// Non-streamed bodies without content: no choices, empty text, an empty content list.
    static let emptyBodies: [(WireProtocol, String)] = [
        (.openAIChat, #"{"id":"c","object":"chat.completion","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":0}}"#),
        (
            .openAIChat,
            #"{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}]}"#
        ),
        (.openAIChat, #"{"id":"c","object":"chat.completion"}"#),
        (.openAICompletions, #"{"id":"c","object":"text_completion","choices":[{"text":"","index":0,"finish_reason":"stop"}]}"#),
        (
            .anthropic,
            #"{"id":"m","type":"message","role":"assistant","content":[],"stop_reason":null,"usage":{"input_tokens":3,"output_tokens":0}}"#
        ),
        (.ollamaChat, #"{"model":"m","message":{"role":"assistant","content":""},"done":true,"eval_count":0}"#),
        (.ollamaGenerate, #"{"model":"m","response":"","done":true}"#),
        (.tgi, #"{"generated_text":""}"#),
    ]

    @Test(arguments: emptyBodies)
    func bodyWithoutContentIsAnEmptyResponse(wire: WireProtocol, text: String) {
        #expect(Self.failure(text, wire, streaming: false) == .emptyResponse)
    }

    @Test func bodiesWithContentSucceed() {
        #expect(
            Self.failure(
                #"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#,
                .openAIChat, streaming: false) == nil)
        #expect(Self.failure(#"{"type":"message","content":[{"type":"text","text":"Hi"}]}"#, .anthropic, streaming: false) == nil)
        #expect(Self.failure(#"{"message":{"content":"Hi"},"done":true}"#, .ollamaChat, streaming: false) == nil)
        #expect(Self.failure(#"{"generated_text":"Hi"}"#, .tgi, streaming: false) == nil)
    }

    /// The replay API classifies the same way (tools that replay captured streams rely on it).
    @Test func replayReportsTheFailureClass() {
        var replay = StreamReplay(protocol: .openAIChat)
        let bytes = Array(Self.emptyStreams[0].1.utf8)
        bytes.withUnsafeBufferPointer { replay.consume($0, at: 0) }
        let summary = replay.finish(at: 1)
        #expect(summary.failure == .emptyResponse)
        #expect(!summary.complete)
    }

    /// The generated text is kept as the server escaped it, for the tokenizer; usage-reporting or not.
    @Test func generatedTextIsKeptEscaped() {
        let progress = StreamFixtures.decode(StreamFixtures.bytes(.openAIChat), wire: .openAIChat, chunks: [])
        #expect(progress.keptText.map { String(decoding: $0, as: UTF8.self) } == #"Hello \"w\u00f6rld\" ✓!"#)
        let tgi = StreamFixtures.decode(StreamFixtures.bytes(.tgi), wire: .tgi, chunks: [])
        #expect(tgi.keptText.map { String(decoding: $0, as: UTF8.self) } == "A b", "special tokens are not text")
    }
}
