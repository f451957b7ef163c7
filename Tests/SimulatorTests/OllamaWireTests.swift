import Foundation
import Testing

@testable import Simulator

@Suite("Ollama wire format")
struct OllamaWireTests {
    @Test("/api/chat streams NDJSON by default and ends with done:true and nanosecond timings")
    func chatStream() async throws {
        let profile = try constantProfile(ttft: .milliseconds(3), gap: .milliseconds(1), tokens: 6, tokensPerChunk: 2)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let response = try await exchange(
                port: server.port, "/api/chat",
                body: #"{"model":"sim-model","messages":[{"role":"user","content":"why is the sky blue?"}]}"#)
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/x-ndjson")
            let lines = try ndjsonLines(response.body).map(object)
            #expect(lines.count == 4)
            #expect(lines.dropLast().allSatisfy { ($0["done"] as? Bool) == false })
            #expect(lines.dropLast().allSatisfy { $0.dict("message")?.string("role") == "assistant" })
            let done = try #require(lines.last)
            #expect(done["done"] as? Bool == true)
            #expect(done.string("done_reason") == "stop")
            #expect(done.int("eval_count") == 6)
            #expect(done.int("prompt_eval_count") == 5)
            #expect(done.int("prompt_eval_duration") == 3_000_000)
            #expect(done.int("eval_duration") == 2_000_000)
            #expect(done.int("load_duration") == 0)
            #expect(done.int("total_duration") == 5_000_000)
            #expect(done.string("created_at")?.hasSuffix("Z") == true)
        }
    }

    @Test("/api/generate with stream:false answers one object; num_predict caps the length")
    func generate() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/api/generate",
                body: #"{"model":"sim-model","prompt":"hi","stream":false,"options":{"num_predict":4}}"#)
            let json = try response.json()
            #expect(json["done"] as? Bool == true)
            #expect(json.string("response")?.split(separator: " ").count == 4)
            #expect(json.string("done_reason") == "length")
            #expect(json.int("eval_count") == 4)
            for key in ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_duration"] {
                #expect(json.int(key) != nil, "missing \(key)")
            }
            let streamed = try await exchange(
                port: server.port, "/api/generate", body: #"{"model":"sim-model","prompt":"hi","options":{"num_predict":-1}}"#)
            let lines = try ndjsonLines(streamed.body).map(object)
            #expect(lines.count == 9)
            #expect(lines.dropLast().allSatisfy { $0.string("response") != nil })
        }
    }

    @Test("/api/tags lists models; unknown models get Ollama's 404 text")
    func tagsAndErrors() async throws {
        try await withSimulator(testConfiguration()) { server in
            let tags = try await exchange(port: server.port, "/api/tags", method: "GET").json()
            #expect(tags.dicts("models")?.compactMap { $0.string("name") } == ["sim-model"])
            let unknown = try await exchange(
                port: server.port, "/api/chat", body: #"{"model":"llama9","messages":[]}"#)
            #expect(unknown.status == 404)
            #expect(try unknown.json().string("error") == #"model "llama9" not found, try pulling it first"#)
        }
    }
}
