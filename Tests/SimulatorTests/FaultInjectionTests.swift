import Foundation
import Testing

@testable import Simulator

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Fault injection")
struct FaultInjectionTests {
    private let chatStream =
        #"{"model":"sim-model","stream":true,"messages":[{"role":"user","content":"hi"}]}"#

    @Test("429 and 503 come with Retry-After and the API's error body", arguments: [Fault.rateLimited, .unavailable])
    func retryAfter(fault: Fault) async throws {
        let faults = try FaultInjection(probabilities: [fault: 1], retryAfter: .milliseconds(2500))
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.status == (fault == .rateLimited ? 429 : 503))
            #expect(response.header("retry-after") == "3")
            let error = try #require(try response.json().dict("error"))
            #expect(error.string("code") == (fault == .rateLimited ? "rate_limit_exceeded" : nil))
            let anthropic = try await exchange(
                port: server.port, "/v1/messages", body: #"{"model":"sim-model","max_tokens":4,"messages":[]}"#)
            #expect(try anthropic.json().dict("error")?.string("type") == (fault == .rateLimited ? "rate_limit_error" : "overloaded_error"))
            let record = try #require(server.truth().first)
            #expect(record.fault == fault && record.outcome == .rejected && record.status == response.status)
        }
    }

    @Test("connection reset mid-stream: some chunks, then the stream breaks without [DONE]")
    func connectionReset() async throws {
        let faults = try FaultInjection(probabilities: [.connectionReset: 1], atChunk: 3)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.status == 200)
            #expect(!response.complete)
            #expect(response.readError == ECONNRESET)
            let events = sseEvents(response.body)
            #expect(!events.contains { $0.data == "[DONE]" })
            // role chunk + 3 content chunks
            #expect(events.count == 4)
            let record = try #require(server.truth().first)
            #expect(record.outcome == .connectionReset && record.chunksSent == 3 && record.fault == .connectionReset)
        }
    }

    @Test("stall: sending stops, the connection stays open past the client's timeout")
    func stall() async throws {
        let faults = try FaultInjection(probabilities: [.stall: 1], stallDuration: .seconds(5), atChunk: 2)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(
                port: server.port, "/v1/chat/completions", body: chatStream, idleTimeout: .seconds(1))
            #expect(response.status == 200)
            #expect(response.timedOut)
            #expect(!response.complete && response.readError == nil)
            #expect(sseEvents(response.body).count == 3)  // role + 2 content chunks
            let record = try #require(server.truth().first)
            #expect(record.outcome == .stalled && record.chunksSent == 2)
        }
    }

    @Test("stall ends by closing the connection after the stall duration")
    func stallEnds() async throws {
        let faults = try FaultInjection(probabilities: [.stall: 1], stallDuration: .milliseconds(100), atChunk: 1)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/api/chat", body: #"{"model":"sim-model"}"#)
            #expect(!response.complete && !response.timedOut)
            #expect(ndjsonLines(response.body).count == 1)
        }
    }

    @Test("malformed frame: exactly one data line is not JSON; the stream still ends with [DONE]")
    func malformedFrame() async throws {
        let faults = try FaultInjection(probabilities: [.malformedFrame: 1], atChunk: 4)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.complete)
            let events = sseEvents(response.body).dropLast()
            let invalid = events.enumerated().filter { !isValidJSON($0.element.data) }.map(\.offset)
            #expect(invalid == [5])  // role chunk is event 0, content chunk 4 is event 5
            #expect(sseEvents(response.body).last?.data == "[DONE]")

            let ndjson = try await exchange(port: server.port, "/api/generate", body: #"{"model":"sim-model","prompt":"x"}"#)
            #expect(ndjsonLines(ndjson.body).filter { !isValidJSON($0) }.count == 1)

            let whole = try await exchange(
                port: server.port, "/v1/messages", body: #"{"model":"sim-model","max_tokens":9,"messages":[]}"#)
            #expect(whole.status == 200 && !isValidJSON(whole.text))
        }
    }

    @Test("invalid UTF-8: one content chunk carries bytes that do not decode")
    func invalidUTF8() async throws {
        let faults = try FaultInjection(probabilities: [.invalidUTF8: 1], atChunk: 0)
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.complete)
            #expect(String(validating: response.body, as: UTF8.self) == nil)
            let bad = response.chunks.filter { String(validating: $0.bytes, as: UTF8.self) == nil }
            #expect(bad.count == 1)
            let whole = try await exchange(port: server.port, "/generate", body: #"{"inputs":"x"}"#)
            #expect(whole.body.contains(0xFF))
        }
    }

    @Test("slow headers: nothing, not even the head, arrives before the delay")
    func slowHeaders() async throws {
        let faults = try FaultInjection(probabilities: [.slowHeaders: 1], slowHeadersDelay: .milliseconds(150))
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let response = try await exchange(port: server.port, "/v1/chat/completions", body: chatStream)
            #expect(response.complete)
            let headAfter = try #require(response.headAfter)
            #expect(headAfter >= .milliseconds(150))
            let record = try #require(server.truth().first)
            #expect(record.headerDelay == .milliseconds(150))
            #expect(record.scheduledTTFT == .milliseconds(152))
        }
    }

    @Test("probabilities are drawn per request: p = 0.5 hits some but not all of 200 requests")
    func probability() async throws {
        let faults = try FaultInjection(probabilities: [.rateLimited: 0.5])
        try await withSimulator(testConfiguration(faults: faults)) { server in
            let port = server.port
            let limited = try await onThread {
                // One keep-alive connection for all 200 requests.
                let connection = try TestConnection(port: port)
                var limited = 0
                for _ in 0..<200 {
                    let sent = connection.send(
                        method: "POST", path: "/v1/completions", body: #"{"model":"sim-model","prompt":"x","max_tokens":1}"#)
                    if connection.readResponse(sentAt: sent).status == 429 { limited += 1 }
                }
                return limited
            }
            // Binomial(200, 0.5): 60...140 holds with probability 1 - 1e-8; the seed fixes it anyway.
            #expect((60...140).contains(limited))
        }
    }

    @Test("invalid probabilities are refused with a typed error")
    func validation() {
        #expect(throws: SimulatorError.self) { try FaultInjection(probabilities: [.stall: 1.5]) }
        #expect(throws: SimulatorError.self) { try FaultInjection(stallDuration: .seconds(-1)) }
    }
}
