import Foundation
import Testing

@testable import Simulator

@Suite("Anthropic wire format")
struct AnthropicWireTests {
    @Test("stream: message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop")
    func stream() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/v1/messages",
                body:
                    #"{"model":"sim-model","max_tokens":100,"stream":true,"system":"be brief","messages":[{"role":"user","content":"Hello there"}]}"#
            )
            #expect(response.status == 200)
            #expect(response.complete)
            let events = sseEvents(response.body)
            let names = events.map { $0.event ?? "" }
            #expect(
                names == ["message_start", "content_block_start", "ping"] + Array(repeating: "content_block_delta", count: 8)
                    + ["content_block_stop", "message_delta", "message_stop"])
            let payloads = try events.map { try object($0.data) }
            // Every data payload names its own event type.
            #expect(zip(names, payloads).allSatisfy { $0 == $1.string("type") })
            let start = try #require(payloads[0].dict("message"))
            #expect(start.string("model") == "sim-model")
            #expect(start.dict("usage")?.int("input_tokens") == 5)  // "be brief" + "Hello there" = 19 bytes
            let deltas = payloads[3..<11].compactMap { $0.dict("delta") }
            #expect(deltas.allSatisfy { $0.string("type") == "text_delta" && !($0.string("text") ?? "").isEmpty })
            let messageDelta = payloads[12]
            #expect(messageDelta.dict("delta")?.string("stop_reason") == "end_turn")
            #expect(messageDelta.dict("usage")?.int("output_tokens") == 8)
        }
    }

    @Test("non-streamed message: content[0].text, stop_reason max_tokens when capped, usage")
    func message() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/v1/messages",
                body: #"{"model":"sim-model","max_tokens":3,"messages":[{"role":"user","content":[{"type":"text","text":"12345678"}]}]}"#)
            let json = try response.json()
            #expect(json.string("type") == "message")
            #expect(json.string("role") == "assistant")
            #expect(json.dicts("content")?.first?.string("type") == "text")
            #expect(json.dicts("content")?.first?.string("text")?.split(separator: " ").count == 3)
            #expect(json.string("stop_reason") == "max_tokens")
            #expect(json.dict("usage")?.int("input_tokens") == 2)
            #expect(json.dict("usage")?.int("output_tokens") == 3)
        }
    }

    @Test("missing max_tokens is a 400 invalid_request_error, unknown model a 404 not_found_error")
    func errors() async throws {
        try await withSimulator(testConfiguration()) { server in
            let missing = try await exchange(
                port: server.port, "/v1/messages", body: #"{"model":"sim-model","messages":[]}"#)
            #expect(missing.status == 400)
            #expect(try missing.json().dict("error")?.string("type") == "invalid_request_error")
            #expect(try missing.json().string("type") == "error")
            let unknown = try await exchange(
                port: server.port, "/v1/messages", body: #"{"model":"claude-nope","max_tokens":5,"messages":[]}"#)
            #expect(unknown.status == 404)
            #expect(try unknown.json().dict("error")?.string("type") == "not_found_error")
        }
    }
}
