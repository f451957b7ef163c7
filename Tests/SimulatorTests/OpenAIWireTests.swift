import Foundation
import Testing

@testable import Simulator

@Suite("OpenAI wire format")
struct OpenAIWireTests {
    @Test("chat stream: role chunk, one chunk per token, finish chunk, [DONE], no usage by default")
    func chatStream() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/v1/chat/completions",
                body: #"{"model":"sim-model","stream":true,"messages":[{"role":"user","content":"Say hello to me"}]}"#)
            #expect(response.status == 200)
            #expect(response.complete)
            #expect(response.header("content-type")?.hasPrefix("text/event-stream") == true)
            let events = sseEvents(response.body)
            #expect(events.last?.data == "[DONE]")
            let chunks = try events.dropLast().map { try object($0.data) }
            // role + 8 content + finish
            #expect(chunks.count == 10)
            #expect(chunks.allSatisfy { $0.string("object") == "chat.completion.chunk" && $0.string("model") == "sim-model" })
            #expect(chunks.allSatisfy { $0["usage"] == nil })
            let deltas = chunks.map { $0.dicts("choices")?.first?.dict("delta") ?? [:] }
            #expect(deltas[0].string("role") == "assistant")
            let content = deltas[1...8].compactMap { $0.string("content") }
            #expect(content.count == 8 && content.allSatisfy { !$0.isEmpty })
            let last = chunks.last?.dicts("choices")?.first
            #expect(last?.string("finish_reason") == "stop")
            #expect(last?.dict("delta")?.isEmpty == true)
            let id = try #require(response.header("x-sim-request-id"))
            let record = try #require(server.truth(requestID: UInt64(id) ?? 0))
            #expect(record.outputTokens == 8 && record.chunks == 8 && record.chunksSent == 8)
            #expect(record.endpoint == .openAIChatCompletions && record.streaming && record.outcome == .completed)
        }
    }

    @Test("chat stream with include_usage: usage:null on chunks, a final usage chunk with empty choices")
    func chatStreamIncludeUsage() async throws {
        try await withSimulator(testConfiguration()) { server in
            let prompt = String(repeating: "a", count: 40)  // 40 bytes → 10 input tokens
            let response = try await exchange(
                port: server.port, "/v1/chat/completions",
                body:
                    #"{"model":"sim-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"\#(prompt)"}]}"#
            )
            let events = sseEvents(response.body)
            #expect(events.last?.data == "[DONE]")
            let chunks = try events.dropLast().map { try object($0.data) }
            #expect(chunks.dropLast().allSatisfy { $0.isNull("usage") })
            let usageChunk = try #require(chunks.last)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            let usage = try #require(usageChunk.dict("usage"))
            #expect(usage.int("prompt_tokens") == 10)
            #expect(usage.int("completion_tokens") == 8)
            #expect(usage.int("total_tokens") == 18)
        }
    }

    @Test("chat without streaming: one JSON body with message, finish_reason and usage")
    func chatNonStreaming() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/v1/chat/completions",
                body: #"{"model":"sim-model","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"abcdefgh"}]}]}"#)
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json.string("object") == "chat.completion")
            let choice = try #require(json.dicts("choices")?.first)
            #expect(choice.string("finish_reason") == "length")
            let content = try #require(choice.dict("message")?.string("content"))
            #expect(content.split(separator: " ").count == 5)
            #expect(json.dict("usage")?.int("prompt_tokens") == 2)
            #expect(json.dict("usage")?.int("completion_tokens") == 5)
            #expect(json.dict("usage")?.int("total_tokens") == 7)
        }
    }

    @Test("legacy completions, streamed and not: choices[0].text, finish chunk, usage")
    func completions() async throws {
        let profile = try constantProfile(tokens: 9, tokensPerChunk: 4)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let streamed = try await exchange(
                port: server.port, "/v1/completions",
                body: #"{"model":"sim-model","prompt":"Once upon","stream":true,"stream_options":{"include_usage":true}}"#)
            let events = sseEvents(streamed.body)
            #expect(events.last?.data == "[DONE]")
            let chunks = try events.dropLast().map { try object($0.data) }
            // 3 content chunks (4+4+1 tokens) + finish + usage
            #expect(chunks.count == 5)
            let texts = chunks.prefix(3).compactMap { $0.dicts("choices")?.first?.string("text") }
            #expect(texts.map { $0.split(separator: " ").count } == [4, 4, 1])
            #expect(chunks[3].dicts("choices")?.first?.string("finish_reason") == "stop")
            #expect(chunks[4].dict("usage")?.int("completion_tokens") == 9)
            #expect(chunks.allSatisfy { $0.string("object") == "text_completion" })

            let whole = try await exchange(
                port: server.port, "/v1/completions", body: #"{"model":"sim-model","prompt":["ab","cd"]}"#)
            let json = try whole.json()
            #expect(json.dicts("choices")?.first?.string("text")?.split(separator: " ").count == 9)
            #expect(json.dict("usage")?.int("prompt_tokens") == 1)
        }
    }

    @Test("GET /v1/models lists the profiles and GET /health answers 200")
    func metadata() async throws {
        var configuration = try testConfiguration()
        configuration.profiles["other-model"] = try constantProfile()
        try await withSimulator(configuration) { server in
            let models = try await exchange(port: server.port, "/v1/models", method: "GET").json()
            #expect(models.string("object") == "list")
            #expect(models.dicts("data")?.compactMap { $0.string("id") } == ["other-model", "sim-model"])
            let health = try await exchange(port: server.port, "/health", method: "GET")
            #expect(health.status == 200)
            let missing = try await exchange(port: server.port, "/nowhere", method: "GET")
            #expect(missing.status == 404)
            let wrongMethod = try await exchange(port: server.port, "/v1/chat/completions", method: "GET")
            #expect(wrongMethod.status == 405)
        }
    }
}
