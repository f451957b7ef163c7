import Foundation
import Testing

@testable import Simulator

/// The simulator's accounting options: a generation cancelled the way a real server cancels it,
/// responses without usage, and `/tokenize` in three engines' shapes, all off by default.
@Suite("Accounting options")
struct AccountingOptionsTests {
    private let chatStream =
        #"{"model":"sim-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#

    @Test("a cancelled OpenAI chat stream is llama.cpp's: the role chunk, then [DONE], no finish_reason")
    func cutOpenAIStream() async throws {
        try await withSimulator(testConfiguration(faults: .always(.cutStream))) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.status == 200 && response.complete)
            let events = sseEvents(response.body)
            #expect(events.map(\.data).last == "[DONE]")
            #expect(events.count == 2)
            #expect(events[0].data.contains(#""delta":{"role":"assistant","content":null}"#))
            #expect(!response.text.contains(#""finish_reason":"stop""#) && !response.text.contains(#""finish_reason":"length""#))
            let record = try #require(server.truth().first)
            #expect(record.fault == .cutStream && record.outcome == .cut && record.chunksSent == 0)
            #expect(record.firstContentWritten == nil)
        }
    }

    @Test("cut after content: chunks, then the transport's end without the end marker, per protocol")
    func cutAfterContent() async throws {
        let faults = try FaultInjection(probabilities: [.cutStream: 1], atChunk: 2)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let anthropic = try await exchange(
                port: server.port, "/v1/messages",
                body: #"{"model":"sim-model","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            let events = sseEvents(anthropic.body).compactMap(\.event)
            #expect(events.filter { $0 == "content_block_delta" }.count == 2)
            #expect(events.last == "content_block_stop")
            #expect(!events.contains("message_stop") && !events.contains("message_delta"))
            let ollama = try await exchange(port: server.port, "/api/generate", body: #"{"model":"sim-model","prompt":"hi"}"#)
            let lines = ollama.text.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(!ollama.text.contains(#""done":true"#))
            let tgi = try await exchange(port: server.port, "/generate_stream", body: #"{"inputs":"hi","parameters":{"details":true}}"#)
            #expect(sseEvents(tgi.body).count == 2)
            #expect(!tgi.text.contains(#""generated_text":""#))
            #expect(server.truth().allSatisfy { $0.outcome == .cut && $0.chunksSent == 2 })
        }
    }

    @Test("a cancelled non-streamed generation has no content: no choices, empty content, empty text")
    func cutBodies() async throws {
        try await withSimulator(testConfiguration(faults: .always(.cutStream))) { server in
            let openAI = try await exchange(
                port: server.port, "/v1/chat/completions",
                body: #"{"model":"sim-model","messages":[{"role":"user","content":"hi"}]}"#)
            #expect((try openAI.json()["choices"] as? [Any])?.isEmpty == true)
            let anthropic = try await exchange(
                port: server.port, "/v1/messages",
                body: #"{"model":"sim-model","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect((try anthropic.json()["content"] as? [Any])?.isEmpty == true)
            let ollama = try await exchange(
                port: server.port, "/api/chat",
                body: #"{"model":"sim-model","stream":false,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(try ollama.json().dict("message")?.string("content") == "")
            let tgi = try await exchange(port: server.port, "/generate", body: #"{"inputs":"hi"}"#)
            #expect(try tgi.json().string("generated_text") == "")
        }
    }

    @Test("without usage reporting no protocol carries a token count")
    func noUsage() async throws {
        var configuration = try testConfiguration()
        configuration.reportsUsage = false
        try await withSimulator(configuration) { server in
            let openAI = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(!openAI.text.contains("usage") && !openAI.text.contains("completion_tokens"))
            #expect(openAI.text.contains(#""finish_reason":"#))
            let anthropic = try await exchange(
                port: server.port, "/v1/messages",
                body: #"{"model":"sim-model","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(!anthropic.text.contains("usage") && anthropic.text.contains("message_stop"))
            let ollama = try await exchange(
                port: server.port, "/api/chat", body: #"{"model":"sim-model","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(!ollama.text.contains("eval_count") && ollama.text.contains(#""done":true"#))
            let tgi = try await exchange(port: server.port, "/generate_stream", body: #"{"inputs":"hi","parameters":{"details":true}}"#)
            #expect(!tgi.text.contains("generated_tokens") && tgi.text.contains(#""details":null"#))
        }
    }

    @Test("/tokenize does not exist by default, as before")
    func noTokenizerByDefault() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(port: server.port, "/tokenize", body: #"{"prompt":"hi","model":"sim-model"}"#)
            #expect(response.status == 404)
        }
    }

    @Test("the tokenizer counts the simulator's own text exactly, in each engine's shape, with the engine's default BOS")
    func tokenizeShapes() async throws {
        let text = TokenText(seed: 3).string(0..<12)
        let escaped = String(decoding: try JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), as: UTF8.self)
            .dropFirst().dropLast()
        for dialect in TokenizerDialect.allCases {
            var configuration = try testConfiguration()
            configuration.tokenizer = dialect
            try await withSimulator(configuration) { server in
                func ask(_ extra: String) async throws -> HTTPExchange {
                    let field =
                        switch dialect {
                        case .vllm: #""model":"sim-model","prompt""#
                        case .llamaCpp: #""content""#
                        case .tgi: #""inputs""#
                        }
                    return try await exchange(port: server.port, "/tokenize", body: "{\(field):\(escaped)\(extra)}")
                }
                let special = dialect == .llamaCpp ? "add_special" : "add_special_tokens"
                let plain = try await ask(",\"\(special)\":false")
                let byDefault = try await ask("")
                #expect(plain.status == 200, "\(dialect): \(plain.text)")
                func count(_ response: HTTPExchange) throws -> Int? {
                    switch dialect {
                    case .vllm: return try response.json().int("count")
                    case .llamaCpp: return (try response.json()["tokens"] as? [Any])?.count
                    case .tgi: return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [Any])?.count
                    }
                }
                #expect(try count(plain) == 12, "\(dialect)")
                #expect(try count(byDefault) == (dialect == .llamaCpp ? 12 : 13), "\(dialect): vLLM and TGI add BOS unless told not to")
                let wrongShape = try await exchange(port: server.port, "/tokenize", body: #"{"text":"hi"}"#)
                #expect(dialect == .llamaCpp ? wrongShape.text == #"{"tokens":[]}"# : wrongShape.status >= 400, "\(dialect)")
            }
        }
    }

    @Test("tokens are words with their leading space; other text splits at whitespace")
    func tokenizerSplits() {
        func pieces(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return Tokenizer.tokens(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
        #expect(pieces(" the quick model") == [" the", " quick", " model"])
        #expect(pieces("Hi  there\n") == ["Hi", " ", " there", "\n"])
        #expect(pieces("") == [])
    }

    @Test("adding the cut fault changed no existing plan: its draw comes from a side stream")
    func cutFaultLeavesOtherDrawsAlone() throws {
        let profile = try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(50), sigma: 0.5),
            interChunk: .logNormal(median: .milliseconds(5), sigma: 0.5), outputLength: .fixed(16))
        let withCut = try FaultInjection(probabilities: [.cutStream: 0.5, .connectionReset: 0.1])
        let without = try FaultInjection(probabilities: [.connectionReset: 0.1])
        for id in UInt64(1)...200 {
            let a = GenerationPlan(requestID: id, seed: 3, profile: profile, slowdown: .none, faults: withCut, maxTokens: nil)
            let b = GenerationPlan(requestID: id, seed: 3, profile: profile, slowdown: .none, faults: without, maxTokens: nil)
            #expect(a.ttftNanos == b.ttftNanos && a.gapNanos == b.gapNanos && a.text == b.text)
            if b.fault == .connectionReset { #expect(a.fault == .connectionReset) }
        }
    }
}
