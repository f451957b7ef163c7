import Bench
import LensCore
import Simulator
import Testing

/// Every fault the simulator injects is classified and counted, and the run still finishes.
@Suite(.serialized) struct FaultTests {
    static let expectations: [(Fault, RequestErrorClass?)] = [
        (.rateLimited, .http429), (.unavailable, .http5xx), (.connectionReset, .streamTruncated), (.stall, .timeout),
        (.malformedFrame, .streamMalformed), (.invalidUTF8, .streamMalformed), (.slowHeaders, nil), (.cutStream, .emptyResponse),
    ]

    static func faults(_ probabilities: [Fault: Double]) throws -> FaultInjection {
        try FaultInjection(
            probabilities: probabilities, retryAfter: .seconds(1), stallDuration: .seconds(30),
            slowHeadersDelay: .milliseconds(150))
    }

    @Test(arguments: expectations, [true, false])
    func eachFaultIsClassified(fault: (Fault, RequestErrorClass?), stream: Bool) async throws {
        let (fault, expected) = fault
        let outcome = try await Harness.withSimulator(try Harness.simulator(faults: try Self.faults([fault: 1]))) { server in
            let config = try Harness.config(
                baseURL: server.baseURL + "/v1", stream: stream,
                load: "{requests: 4, concurrency: 4, timeout: 1s}",
                extra: "run: {abort: {max_error_rate: 100%}}")
            return try await Harness.run(config)
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.requests == 4)
        if let expected {
            // Every request failed: nothing was measured, whatever the abort limit allows (exit 3).
            guard case .everyRequestFailed(_, _, _, 4, let errors, _)? = outcome.failure else {
                Issue.record("expected every request to fail, got \(String(describing: outcome.failure))")
                return
            }
            #expect(errors == [expected: 4])
            #expect(scenario.counts?.failed == 4)
            #expect(scenario.counts?.errors == [expected: 4])
        } else {
            #expect(outcome.failure == nil)
            #expect(scenario.counts?.succeeded == 4)
            // Slow headers delay the first byte, and with it the whole response, by the injected 150 ms.
            #expect(scenario.samples[.e2eMs]?.allSatisfy { $0 >= 150 } == true)
            if stream { #expect(scenario.samples[.ttftMs]?.allSatisfy { $0 >= 150 } == true) }
        }
    }

    /// Random faults over every protocol: each failed request's class matches the fault the simulator logged for it.
    @Test(arguments: [WireProtocol.openAIChat, .anthropic, .ollamaChat, .tgi])
    func mixedFaultsMatchTheTruthLog(wire: WireProtocol) async throws {
        let probabilities: [Fault: Double] = [
            .rateLimited: 0.1, .unavailable: 0.1, .connectionReset: 0.1, .stall: 0.05,
            .malformedFrame: 0.1, .invalidUTF8: 0.1, .cutStream: 0.1,
        ]
        let simulator = try Harness.simulator(faults: try Self.faults(probabilities), seed: 11)
        try await Harness.withSimulator(simulator) { server in
            let config = try Harness.config(
                baseURL: Harness.baseURL(server, for: wire), protocol: wire.rawValue,
                load: "{requests: 60, concurrency: 6, timeout: 1s}",
                extra: "run: {abort: {max_error_rate: 100%}}")
            let outcome = try await Harness.run(config)
            #expect(outcome.failure == nil)
            let scenario = try #require(outcome.results.scenarios.first)
            let counts = try #require(scenario.counts)
            #expect(counts.requests == 60)
            #expect(counts.errors.values.reduce(0, +) == counts.failed)
            #expect(counts.failed > 5, "faults at these rates hit about a third of the requests")
            let log = try #require(outcome.recordings.first?.log)
            var checked = 0
            for index in 0..<log.count {
                let record = log[index]
                guard record.serverRequestID >= 0, let truth = server.truth(requestID: UInt64(record.serverRequestID)) else { continue }
                let expected = Self.expectations.first { $0.0 == truth.fault }?.1
                if let fault = truth.fault {
                    // A fault drawn for a response too short to carry it may leave the response intact.
                    if record.error != nil { #expect(record.error == expected, "request \(truth.requestID): fault \(fault)") }
                } else {
                    #expect(record.error == nil, "request \(truth.requestID) had no fault but failed: \(String(describing: record.error))")
                }
                checked += 1
            }
            #expect(checked >= 50, "most requests carry x-sim-request-id and have a truth record")
        }
    }

    /// A model the server does not know: the health check warns, every request is http_4xx, the run aborts.
    @Test func unknownModelIsAClientError() async throws {
        let events = EventLog()
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            var config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 20, concurrency: 2}")
            config.targets[0].model = "no-such-model"
            return try await Harness.run(config) { events.append("\($0)") }
        }
        #expect(events.joined.contains("no-such-model"))
        #expect(events.joined.contains("is not among the models listed"))
        guard case .tooManyErrors(_, _, _, _, _, let errors, let example)? = outcome.failure else {
            Issue.record("expected an abort, got \(String(describing: outcome.failure))")
            return
        }
        #expect(errors.keys.sorted() == [.http4xx])
        #expect(example?.contains("404") == true)
    }
}
