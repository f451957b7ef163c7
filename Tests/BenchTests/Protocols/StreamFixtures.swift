import LensCore

@testable import Bench

/// Recorded-style response streams of each protocol, as servers send them.
enum StreamFixtures {
    static let openAIChat = """
        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo \\"w\\u00f6rld\\" ✓"},"finish_reason":null}],"usage":null}

        : keep-alive comment

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"!"},"finish_reason":null}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}

        data: [DONE]


        """

    static let anthropic = """
        event: message_start
        data: {"type":"message_start","message":{"id":"m1","type":"message","role":"assistant","content":[],"model":"claude","usage":{"input_tokens":25,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    static let tgi = """
        data:{"index":1,"token":{"id":1,"text":"A","logprob":-0.1,"special":false},"generated_text":null,"details":null}

        data:{"index":2,"token":{"id":2,"text":" b","logprob":-0.1,"special":false},"generated_text":null,"details":null}

        data:{"index":3,"token":{"id":3,"text":"</s>","logprob":-0.1,"special":true},"generated_text":"A b","details":{"finish_reason":"eos_token","generated_tokens":3,"seed":null}}


        """

    static let ollama = """
        {"model":"llama3","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":"The"},"done":false}
        {"model":"llama3","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":" sky"},"done":false}
        {"model":"llama3","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":" is blue"},"done":false}
        {"model":"llama3","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":5000000000,"load_duration":2000000,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":4,"eval_duration":900000000}

        """

    /// The fixture of a protocol with CRLF line ends where `crlf` (servers may use either).
    static func bytes(_ wire: WireProtocol, crlf: Bool = false) -> [UInt8] {
        let text: String
        switch wire {
        case .openAIChat, .openAICompletions: text = openAIChat
        case .anthropic: text = anthropic
        case .tgi: text = tgi
        case .ollamaChat, .ollamaGenerate: text = ollama
        }
        return Array((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8)
    }

    /// Decodes `bytes` fed in the given chunk sizes, every chunk stamped with its index in ms.
    static func decode(_ bytes: [UInt8], wire: WireProtocol, chunks sizes: [Int]) -> ResponseProgress {
        var decoder = ResponseDecoder(wire: wire, streaming: true)
        var offset = 0
        var sizes = sizes[...]
        var stamp: Int64 = 0
        while offset < bytes.count {
            let size = min(max(1, sizes.popFirst() ?? bytes.count), bytes.count - offset)
            bytes[offset..<(offset + size)].withUnsafeBufferPointer { decoder.consume($0, at: stamp) }
            offset += size
            stamp += 1_000_000
        }
        return decoder.finish(at: stamp)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
