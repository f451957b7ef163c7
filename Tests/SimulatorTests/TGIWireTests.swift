import Foundation
import Testing

@testable import Simulator

@Suite("TGI wire format")
struct TGIWireTests {
    @Test("/generate_stream: one data: event per token, the last with generated_text and details")
    func stream() async throws {
        let profile = try constantProfile(tokens: 7, tokensPerChunk: 3)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let response = try await exchange(
                port: server.port, "/generate_stream", body: #"{"inputs":"What is Deep Learning?","parameters":{"max_new_tokens":20}}"#)
            #expect(response.status == 200)
            #expect(response.complete)
            // TGI writes `data:` with no space.
            #expect(response.text.hasPrefix("data:{"))
            let events = try sseEvents(response.body).map { try object($0.data) }
            #expect(events.count == 7)
            for (i, event) in events.enumerated() {
                let token = try #require(event.dict("token"))
                #expect(token.int("id") != nil)
                #expect(token["logprob"] is NSNumber)
                #expect(token["special"] as? Bool == false)
                #expect(event.int("index") == i + 1)
                if i < 6 {
                    #expect(event.isNull("generated_text") && event.isNull("details"))
                }
            }
            let last = try #require(events.last)
            let texts = events.compactMap { $0.dict("token")?.string("text") }.joined()
            #expect(last.string("generated_text") == texts)
            #expect(last.dict("details")?.string("finish_reason") == "eos_token")
            #expect(last.dict("details")?.int("generated_tokens") == 7)
            // 7 tokens in chunks of 3: three flushes.
            let record = try #require(server.truth().last)
            #expect(record.chunks == 3 && record.scheduledGaps.count == 2)
        }
    }

    @Test("/generate: generated_text, details only when asked; /info and /health")
    func generate() async throws {
        try await withSimulator(testConfiguration()) { server in
            let plain = try await exchange(port: server.port, "/generate", body: #"{"inputs":"hi"}"#).json()
            #expect(plain.string("generated_text")?.split(separator: " ").count == 8)
            #expect(plain["details"] == nil)
            let detailed = try await exchange(
                port: server.port, "/generate", body: #"{"inputs":"hi","parameters":{"max_new_tokens":2,"details":true}}"#
            ).json()
            #expect(detailed.dict("details")?.string("finish_reason") == "length")
            #expect(detailed.dict("details")?.int("generated_tokens") == 2)
            let info = try await exchange(port: server.port, "/info", method: "GET").json()
            #expect(info.string("model_id") == "lens-gate/sim")
            #expect(try await exchange(port: server.port, "/health", method: "GET").status == 200)
            let invalid = try await exchange(port: server.port, "/generate", body: #"{"parameters":{}}"#)
            #expect(invalid.status == 422)
            #expect(try invalid.json().string("error_type") == "validation")
        }
    }
}
