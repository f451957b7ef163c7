import Foundation
import Glibc
import LensCore
import Simulator
import Testing

@testable import Bench

/// Open loops, warmup, aborts, unreachable endpoints and interruption, end to end.
@Suite(.serialized) struct LoadBehaviourTests {
    @Test func openLoopSendsOnScheduleAndReportsBothViews() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator(profile: try Harness.profile(ttftMs: 2, gapMs: 1, tokens: 4))) {
            server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{rate: 200, arrival: poisson, requests: 100}")
            return try await Harness.run(config)
        }
        #expect(outcome.failure == nil)
        let log = try #require(outcome.recordings.first?.log)
        let intended = (0..<log.count).map { log[$0].intendedOffsetNs }
        #expect(Set(intended).count > 90, "Poisson arrivals are distinct instants")
        let sorted = intended.sorted()
        let meanGapMs = Double(sorted.last! - sorted.first!) / 1e6 / Double(sorted.count - 1)
        #expect(meanGapMs > 2.5 && meanGapMs < 10, "mean gap \(meanGapMs) ms for 200 req/s")
        #expect((0..<log.count).allSatisfy { log[$0].sendLagMs >= 0 })
        let scenario = try #require(outcome.results.scenarios.first)
        let fromIntended = try #require(scenario.samples[.e2eMs])
        let fromActual = try #require(scenario.samplesFromActualSend?[.e2eMs])
        #expect(fromActual.count == fromIntended.count)
        #expect(zip(fromActual, fromIntended).allSatisfy { $0 <= $1 + 0.001 })
    }

    /// When the client cannot keep up (one request at a time against a 30 ms server at 100 req/s),
    /// latency from the intended send grows with the backlog while latency from the actual send does not.
    @Test func coordinatedOmissionIsVisible() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator(profile: try Harness.profile(ttftMs: 30, gapMs: 1, tokens: 2)))
        { server in
            let config = try Harness.config(
                baseURL: server.baseURL + "/v1",
                load: "{rate: 100, arrival: constant, requests: 20, max_in_flight: 1}")
            return try await Harness.run(config)
        }
        let scenario = try #require(outcome.results.scenarios.first)
        let intended = try #require(scenario.samples[.e2eMs])
        let actual = try #require(scenario.samplesFromActualSend?[.e2eMs])
        let p50Intended = try #require(RunSummary.quantile(intended, 0.5))
        let p50Actual = try #require(RunSummary.quantile(actual, 0.5))
        #expect(p50Actual >= 30)
        #expect(p50Intended > p50Actual + 50, "backlog: \(p50Intended) vs \(p50Actual)")
    }

    @Test func warmupRequestsAreExcluded() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 5, warmup: 3, concurrency: 1}")
            return try await Harness.run(config)
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.requests == 5)
        #expect(scenario.counts?.warmup == 3)
        #expect(scenario.samples[.e2eMs]?.count == 5)
        #expect(scenario.samples[.itlMs]?.count == 5 * 7)
        let log = try #require(outcome.recordings.first?.log)
        #expect(log.count == 8)
        #expect((0..<3).allSatisfy { log[$0].isWarmup })
        let csv = String(decoding: RequestCSV.encode(outcome.recordings), as: UTF8.self)
        let rows = csv.split(separator: "\n").dropFirst()
        #expect(rows.count == 8)
        #expect(rows.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[2] == "1" }.count == 3)
    }

    @Test func durationBoundsTheMeasuredPhase() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{duration: 600ms, concurrency: 2}")
            return try await Harness.run(config)
        }
        let scenario = try #require(outcome.results.scenarios.first)
        let duration = try #require(scenario.totals?.durationSeconds)
        #expect(duration >= 0.6 && duration < 3)
        #expect((scenario.counts?.requests ?? 0) > 5)
        #expect(scenario.scenarioValue(.requestThroughput) != nil)
    }

    @Test func abortsWhenTheErrorRatePassesTheLimit() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator(faults: .always(.rateLimited))) { server in
            let config = try Harness.config(
                baseURL: server.baseURL + "/v1",
                load: "{requests: 200, concurrency: 2}", extra: "run: {abort: {max_error_rate: 50%, min_requests: 5}}")
            return try await Harness.run(config)
        }
        let failure = try #require(outcome.failure)
        #expect(failure.exitStatus == .benchmarkFailed)
        guard case .tooManyErrors(let scenario, let target, let url, let rate, let limit, let errors, _) = failure else {
            Issue.record("expected tooManyErrors, got \(failure)")
            return
        }
        #expect(scenario == "s")
        #expect(target == "sim")
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(rate > 0.5 && limit == 0.5)
        #expect((errors[.http429] ?? 0) >= 5)
        #expect(failure.description.contains("http_429"))
        #expect(!outcome.results.run.complete)
        #expect((outcome.results.scenarios.first?.counts?.requests ?? 0) < 200)
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, read, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func unreachableEndpointStopsWithTheTargetAndURL() async throws {
        let port = try Self.closedPort()
        let config = try Harness.config(baseURL: "http://127.0.0.1:\(port)/v1")
        let outcome = try await Harness.run(config)
        let failure = try #require(outcome.failure)
        #expect(failure.exitStatus == .benchmarkFailed)
        guard case .unreachable(let target, let url, _) = failure else {
            Issue.record("expected unreachable, got \(failure)")
            return
        }
        #expect(target == "sim")
        #expect(url == "http://127.0.0.1:\(port)/v1/models")
        #expect(failure.description.contains("127.0.0.1:\(port)"))
        #expect(outcome.results.scenarios.isEmpty)
    }

    @Test func unreachableWithoutHealthCheckAbortsOnConnectErrors() async throws {
        let port = try Self.closedPort()
        var config = try Harness.config(baseURL: "http://127.0.0.1:\(port)/v1", load: "{requests: 50, concurrency: 2}")
        config.targets[0].healthCheck = false
        let outcome = try await Harness.run(config)
        let failure = try #require(outcome.failure)
        guard case .tooManyErrors(_, _, _, _, _, let errors, _) = failure else {
            Issue.record("expected tooManyErrors, got \(failure)")
            return
        }
        #expect((errors[.connect] ?? 0) >= 10)
        #expect(failure.description.contains("unreachable"))
    }

    @Test func stoppingKeepsFinishedRequestsAndMarksTheRunIncomplete() async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 100000, concurrency: 4}")
            let stop = StopSignal()
            return try await Harness.run(config, stop: stop) { event in
                if case .progress(_, let progress) = event, progress.finished >= 20 { stop.set() }
            }
        }
        #expect(outcome.failure == .interrupted(scenario: "s"))
        #expect(!outcome.results.run.complete)
        let counts = try #require(outcome.results.scenarios.first?.counts)
        #expect(counts.requests >= 20 && counts.requests < 100_000)
        #expect(counts.succeeded + counts.failed == counts.requests)
        // The partial results are a valid results file.
        let bytes = ResultsFile.encode(outcome.results)
        let reread = try Results(json: JSONParser.parse(bytes))
        #expect(reread.run.complete == false)
    }

    @Test func cancellingTheTaskStopsTheRun() async throws {
        try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 100000, concurrency: 2}")
            let task = Task { try await Harness.run(config) }
            try await Task.sleep(for: .milliseconds(400))
            task.cancel()
            let outcome = try await task.value
            #expect(outcome.failure == .interrupted(scenario: "s"))
            #expect((outcome.results.scenarios.first?.counts?.requests ?? 0) > 0)
        }
    }
}
