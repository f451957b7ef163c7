import Foundation
import LensCore
import Testing

@testable import Simulator

@Suite("Connections and concurrency")
struct ConnectionTests {
    @Test("200 parallel streams all complete with every chunk")
    func parallelStreams() async throws {
        let profile = try constantProfile(ttft: .milliseconds(20), gap: .milliseconds(5), tokens: 16)
        try await withSimulator(testConfiguration(profile: profile, threads: 2)) { server in
            let port = server.port
            let results = try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
                for i in 0..<200 {
                    let path = ["/v1/chat/completions", "/v1/messages", "/api/chat", "/generate_stream"][i % 4]
                    let body =
                        path == "/generate_stream"
                        ? #"{"inputs":"x"}"#
                        : #"{"model":"sim-model","max_tokens":100,"stream":true,"messages":[]}"#
                    group.addTask { try await exchange(port: port, path, body: body, idleTimeout: .seconds(30)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 200)
            #expect(results.allSatisfy { $0.status == 200 && $0.complete })
            let truth = server.truth()
            #expect(truth.count == 200)
            #expect(truth.allSatisfy { $0.outcome == .completed && $0.chunksSent == 16 })
            #expect(Set(truth.map(\.requestID)).count == 200)
        }
    }

    @Test("keep-alive: several requests, streamed and not, on one connection")
    func keepAlive() async throws {
        try await withSimulator(testConfiguration()) { server in
            let port = server.port
            let statuses = try await onThread {
                let connection = try TestConnection(port: port)
                var seen: [(Int, Bool)] = []
                for body in [
                    #"{"model":"sim-model","messages":[],"stream":true}"#, #"{"model":"sim-model","messages":[]}"#,
                    #"{"model":"nope","messages":[]}"#, #"{"model":"sim-model","messages":[],"stream":true}"#,
                ] {
                    let sent = connection.send(method: "POST", path: "/v1/chat/completions", body: body)
                    let response = connection.readResponse(sentAt: sent)
                    seen.append((response.status, response.complete))
                }
                return seen.map { "\($0.0) \($0.1)" }
            }
            #expect(statuses == ["200 true", "200 true", "404 true", "200 true"])
        }
    }

    @Test("Expect: 100-continue gets an interim 100 before the body is sent")
    func expectContinue() async throws {
        try await withSimulator(testConfiguration()) { server in
            let port = server.port
            let statuses = try await onThread {
                let connection = try TestConnection(port: port)
                let body = #"{"inputs":"x"}"#
                let sent = ContinuousClock.now
                connection.sendRaw(
                    "POST /generate HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
                let interim = connection.readResponse(sentAt: sent, idleTimeout: .seconds(2))
                connection.sendRaw(body)
                let final = connection.readResponse(sentAt: sent)
                return [interim.status, final.status]
            }
            #expect(statuses == [100, 200])
        }
    }

    @Test("Connection: close is honoured")
    func connectionClose() async throws {
        try await withSimulator(testConfiguration()) { server in
            let response = try await exchange(
                port: server.port, "/api/generate", body: #"{"model":"sim-model","prompt":"x"}"#,
                headers: [("Connection", "close")])
            #expect(response.complete)
            #expect(response.header("connection") == "close")
        }
    }

    @Test("a client that hangs up mid-stream is recorded as client_closed; the server keeps serving")
    func clientHangsUp() async throws {
        let profile = try constantProfile(ttft: .milliseconds(1), gap: .milliseconds(300), tokens: 20)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let port = server.port
            try await onThread {
                let connection = try TestConnection(port: port)
                let sent = connection.send(
                    method: "POST", path: "/v1/chat/completions", body: #"{"model":"sim-model","messages":[],"stream":true}"#)
                _ = connection.readResponse(sentAt: sent, idleTimeout: .milliseconds(120))
            }
            // The connection is closed when it goes out of scope; give the server a moment to notice.
            var record: TruthRecord?
            for _ in 0..<100 where record == nil {
                try await Task.sleep(for: .milliseconds(20))
                record = server.truth().first
            }
            #expect(record?.outcome == .clientClosed)
            #expect((record?.chunksSent ?? 20) < 20)
            let health = try await exchange(port: server.port, "/health", method: "GET")
            #expect(health.status == 200)
        }
    }

    @Test("garbage and hostile bodies get 400s, never a crash")
    func hostileBodies() async throws {
        try await withSimulator(testConfiguration()) { server in
            let deep = String(repeating: "[", count: 10_000)
            for body in [
                "", "null", "[]", "{", deep, #"{"model":5}"#, #"{"model":"sim-model","messages":[],"stream":"yes"}"#,
                #"{"model":"sim-model","messages":[],"max_tokens":0}"#, #"{"model":"sim-model","messages":[],"max_tokens":1.5}"#,
                "{\"model\":\"\\ud800\"}", "\u{FEFF}{}",
            ] {
                let response = try await exchange(port: server.port, "/v1/chat/completions", body: body)
                #expect(response.status == 400, "body: \(body.prefix(40))")
                #expect(try response.json().dict("error")?.string("type") == "invalid_request_error")
            }
            #expect(try await exchange(port: server.port, "/health", method: "GET").status == 200)
        }
    }

    @Test("unparsable bodies get a 400 naming line:column; duplicate keys are refused however many keys come first")
    func unparsableBodies() async throws {
        try await withSimulator(testConfiguration()) { server in
            let broken = try await exchange(port: server.port, "/v1/chat/completions", body: "{\"model\":\n  5,}")
            #expect(broken.status == 400)
            #expect(
                try broken.json().dict("error")?.string("message")
                    == "could not parse the JSON body of the request: unexpected '}', expected a quoted key at 2:5")
            // 200,000 keys: a parser that compared each key with all before it would not answer in time.
            let keys = (0..<200_000).map { "\"k\($0)\":0," }.joined()
            let duplicated = try await exchange(
                port: server.port, "/v1/chat/completions", body: #"{"model":"sim-model","messages":[],"# + keys + #""model":"x"}"#)
            #expect(duplicated.status == 400)
            #expect(try duplicated.json().dict("error")?.string("message")?.contains(#"duplicate key "model""#) == true)
        }
    }

    @Test("nesting up to the parser's limit is read; one level more is a 400")
    func nestingLimit() async throws {
        try await withSimulator(testConfiguration()) { server in
            func body(depth: Int) -> String {
                // The object itself is the first level.
                #"{"model":"sim-model","prompt":"# + String(repeating: "[", count: depth - 1)
                    + String(repeating: "]", count: depth - 1) + "}"
            }
            let deepest = try await exchange(port: server.port, "/v1/completions", body: body(depth: JSONParser.maximumDepth))
            #expect(deepest.status == 200)
            let deeper = try await exchange(port: server.port, "/v1/completions", body: body(depth: JSONParser.maximumDepth + 1))
            #expect(deeper.status == 400)
            #expect(try deeper.json().dict("error")?.string("message")?.contains("nesting deeper than") == true)
        }
    }

    @Test("starting on a port in use fails with a typed error; stop is idempotent")
    func lifecycle() async throws {
        let first = try await SimulatorServer.start(testConfiguration())
        var taken = try testConfiguration()
        taken.port = first.port
        await #expect(throws: SimulatorError.self) { try await SimulatorServer.start(taken) }
        try await first.stop()
        try await first.stop()
        var bad = try testConfiguration()
        bad.threads = 0
        await #expect(throws: SimulatorError.self) { try await SimulatorServer.start(bad) }
    }
}
