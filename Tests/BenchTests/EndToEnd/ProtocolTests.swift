import Bench
import LensCore
import Simulator
import Testing

/// Every protocol, streamed and not, against the simulator: all requests succeed and are measured.
@Suite(.serialized) struct ProtocolTests {
    static let cases: [(WireProtocol, Bool)] = WireProtocol.allCases.flatMap { [($0, true), ($0, false)] }

    @Test(arguments: cases)
    func protocolRoundTrip(wire: WireProtocol, stream: Bool) async throws {
        let outcome = try await Harness.withSimulator(try Harness.simulator()) { server in
            let config = try Harness.config(
                baseURL: Harness.baseURL(server, for: wire), protocol: wire.rawValue, stream: stream,
                load: "{requests: 6, concurrency: 2}")
            return try await Harness.run(config)
        }
        #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.requests == 6)
        #expect(scenario.counts?.succeeded == 6, "errors: \(String(describing: scenario.counts?.errors))")
        #expect(scenario.samples[.e2eMs]?.count == 6)
        // Every simulated response has 8 tokens; the server's count is used when it gives one.
        #expect(scenario.totals?.outputTokens == 48)
        if stream {
            #expect(scenario.samples[.ttftMs]?.count == 6)
            #expect(scenario.samples[.tpotMs]?.count == 6)
            #expect(scenario.samples[.itlMs]?.count == 6 * 7)
            // TTFT is at least the injected 5 ms, and the stream takes at least 5 + 7 × 2 ms.
            #expect(scenario.samples[.ttftMs]?.allSatisfy { $0 >= 5 } == true)
            #expect(scenario.samples[.e2eMs]?.allSatisfy { $0 >= 19 } == true)
        } else {
            #expect(scenario.samples[.ttftMs] == nil)
        }
        if wire == .ollamaChat || wire == .ollamaGenerate {
            #expect(scenario.engineSamples?[.evalCount] == [Double](repeating: 8, count: 6))
            #expect(scenario.engineSamples?[.evalDurationMs]?.count == 6)
        }
        #expect(outcome.results.run.complete)
    }
}
