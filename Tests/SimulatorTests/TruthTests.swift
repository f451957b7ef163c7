import Foundation
import Testing

@testable import Simulator

@Suite("Truth log, determinism and slowdown")
struct TruthTests {
    private static func varied() throws -> LatencyProfile {
        try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(4), sigma: 0.5),
            interChunk: .normal(mean: .milliseconds(1), standardDeviation: .microseconds(300)),
            tokensPerChunk: 2, outputLength: .uniform(4...12))
    }

    /// Sends the same three requests one after another and returns the truth.
    private static func run(_ configuration: SimulatorConfiguration) async throws -> [TruthRecord] {
        try await withSimulator(configuration) { server in
            for path in ["/v1/chat/completions", "/v1/completions", "/v1/chat/completions"] {
                let body =
                    path == "/v1/completions"
                    ? #"{"model":"sim-model","prompt":"x","stream":true}"#
                    : #"{"model":"sim-model","messages":[],"stream":true}"#
                _ = try await exchange(port: server.port, path, body: body)
            }
            return server.truth()
        }
    }

    private struct Schedule: Equatable {
        let ttft: Duration, gaps: [Duration], tokens: Int, chunks: Int
        init(_ r: TruthRecord) {
            (ttft, gaps, tokens, chunks) = (r.scheduledTTFT, r.scheduledGaps, r.outputTokens, r.chunks)
        }
    }

    @Test("same seed, same schedule; another seed, another schedule")
    func determinism() async throws {
        let a = try await Self.run(testConfiguration(profile: Self.varied(), seed: 42)).map(Schedule.init)
        let b = try await Self.run(testConfiguration(profile: Self.varied(), seed: 42)).map(Schedule.init)
        let c = try await Self.run(testConfiguration(profile: Self.varied(), seed: 43)).map(Schedule.init)
        #expect(a.count == 3)
        #expect(a == b)
        #expect(a != c)
        // Different requests of one run differ too.
        #expect(a[0] != a[2])
    }

    @Test("x-sim-stream makes concurrent requests reproducible whatever their arrival order")
    func namedStreams() async throws {
        func run() async throws -> [UInt64: Schedule] {
            try await withSimulator(testConfiguration(profile: Self.varied(), seed: 11, threads: 2)) { server in
                let port = server.port
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<20 {
                        group.addTask {
                            _ = try await exchange(
                                port: port, "/v1/chat/completions", body: #"{"model":"sim-model","messages":[]}"#,
                                headers: [("x-sim-stream", "\(1000 + n)")])
                        }
                    }
                    try await group.waitForAll()
                }
                return Dictionary(uniqueKeysWithValues: server.truth().map { ($0.randomStream, Schedule($0)) })
            }
        }
        let first = try await run()
        let second = try await run()
        #expect(first.count == 20 && Set(first.keys) == Set(1000..<1020))
        #expect(first == second)
    }

    @Test("slowdown multiplies TTFT and gaps; per-metric factors apply to their metric only")
    func slowdown() async throws {
        let base = try await Self.run(testConfiguration(profile: Self.varied(), seed: 5))
        let slower = try await Self.run(
            testConfiguration(profile: Self.varied(), seed: 5, slowdown: Slowdown(overall: 1.5, timeToFirstToken: 2)))
        #expect(base.count == slower.count)
        func close(_ x: Duration, _ y: Duration) -> Bool { abs((x - y).milliseconds) < 0.000_002 }
        for (b, s) in zip(base, slower) {
            #expect(b.outputTokens == s.outputTokens)
            #expect(close(s.scheduledTTFT, b.scheduledTTFT * 3))
            #expect(zip(b.scheduledGaps, s.scheduledGaps).allSatisfy { close($1, $0 * 1.5) })
        }
    }

    @Test("a 50 ms TTFT is not delivered before 50 ms, and the truth says when it was written")
    func ttftNotEarly() async throws {
        let profile = try constantProfile(ttft: .milliseconds(50), gap: .milliseconds(10), tokens: 4)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let response = try await exchange(
                port: server.port, "/v1/chat/completions", body: #"{"model":"sim-model","messages":[],"stream":true}"#)
            let first = try #require(response.chunks.first)
            #expect(first.after >= .milliseconds(50))
            // Later chunks keep their spacing: the last comes at least 50 + 3 × 10 ms after the request.
            #expect(try #require(response.chunks.last).after >= .milliseconds(80))
            let record = try #require(server.truth().first)
            #expect(record.scheduledTTFT == .milliseconds(50))
            #expect(record.scheduledGaps == Array(repeating: .milliseconds(10), count: 3))
            #expect(record.scheduledEndToEnd == .milliseconds(80))
            let written = try #require(record.firstContentWritten)
            #expect(written >= .milliseconds(50))
            #expect(record.finished >= .milliseconds(80))
        }
    }

    @Test("the x-sim-request-id header names the record, and the JSONL file holds every record")
    func truthFile() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sim-truth-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ids: [String] = []
        let records = try await withSimulator(testConfiguration(truthLogPath: path)) { server in
            for body in [
                #"{"model":"sim-model","messages":[],"stream":true}"#, #"{"model":"sim-model","messages":[]}"#,
                #"{"model":"unknown","messages":[]}"#, #"{"model":"#,
            ] {
                let response = try await exchange(port: server.port, "/v1/chat/completions", body: body)
                ids.append(response.header("x-sim-request-id") ?? "")
            }
            return server.truth()
        }
        #expect(records.map { String($0.requestID) } == ids)
        #expect(records.map(\.status) == [200, 200, 404, 400])
        #expect(records.map(\.outcome) == [.completed, .completed, .rejected, .rejected])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try object(String($0)) }
        #expect(lines.count == 4)
        #expect(lines.compactMap { $0.int("request_id") }.map(String.init) == ids)
        let first = lines[0]
        #expect(first.string("api") == "openai")
        #expect(first.string("endpoint") == "/v1/chat/completions")
        #expect(first.string("model") == "sim-model")
        #expect(first["streaming"] as? Bool == true)
        #expect((first["ttft_ms"] as? Double) == 2)
        #expect(first.int("random_stream") == first.int("request_id"))
        #expect((first["gaps_ms"] as? [Double]) == Array(repeating: 1, count: 7))
        #expect(first.int("chunks") == 8 && first.int("output_tokens") == 8)
        #expect((first["first_content_ms"] as? Double).map { $0 >= 2 } == true)
        #expect(first.isNull("fault"))
        #expect(first.string("outcome") == "completed")
        #expect(lines[2].int("status") == 404)
    }

    @Test("the in-memory truth keeps the newest records up to its limit")
    func memoryLimit() async throws {
        var configuration = try testConfiguration()
        configuration.truthMemoryLimit = 3
        try await withSimulator(configuration) { server in
            let port = server.port
            try await onThread {
                let connection = try TestConnection(port: port)
                for _ in 0..<10 {
                    let sent = connection.send(method: "POST", path: "/generate", body: #"{"inputs":"x"}"#)
                    _ = connection.readResponse(sentAt: sent)
                }
            }
            #expect(server.truth().map(\.requestID) == [8, 9, 10])
            server.clearTruth()
            #expect(server.truth().isEmpty)
        }
    }
}
