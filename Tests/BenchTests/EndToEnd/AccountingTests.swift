import Bench
import LensCore
import Simulator
import Testing

/// Truthful accounting against the simulator: cut streams are failed requests that leave no
/// sample, output tokens come from the server's tokenizer when it has one, and oversized replies
/// fail with their own class.
@Suite(.serialized) struct AccountingTests {
    /// A simulator with one model, `sim-model`, and constant latencies.
    static func simulator(
        tokens: Int = 10, tokensPerChunk: Int = 1, faults: FaultInjection = .none, usage: Bool = true,
        tokenizer: TokenizerDialect? = nil
    ) throws -> SimulatorConfiguration {
        let profile = try Harness.profile(ttftMs: 5, gapMs: 2, tokens: tokens, tokensPerChunk: tokensPerChunk)
        return SimulatorConfiguration(
            threads: 1, seed: 5, profiles: ["sim-model": profile], defaultProfile: profile,
            unknownModels: .reject, faults: faults, reportsUsage: usage, tokenizer: tokenizer)
    }

    /// A one-scenario config; `provider` and `load` as written in YAML.
    static func config(
        _ server: SimulatorServer, _ wire: WireProtocol, stream: Bool = true, provider: String = "custom",
        maxTokens: Int = 64, load: String = "{requests: 6, concurrency: 2}",
        abort: String = "{max_error_rate: 100%}"
    ) throws -> BenchConfig {
        try LensConfig(
            yaml: """
                targets:
                  sim: {provider: \(provider), protocol: \(wire.rawValue), base_url: "\(Harness.baseURL(server, for: wire))", model: sim-model}
                workloads:
                  w: {prompt: "Tell me something", max_tokens: \(maxTokens), stream: \(stream)}
                scenarios:
                  - {name: s, target: sim, workload: w, load: \(load), abort: \(abort)}
                """
        ).bench
    }

    static let everyWire: [(WireProtocol, Bool)] = WireProtocol.allCases.flatMap { [($0, true), ($0, false)] }

    /// A generation the server cancels before any content (llama.cpp's role chunk then [DONE]) is
    /// a failed request, in every protocol, streamed or not; the scenario then measured nothing (exit 3).
    @Test(arguments: everyWire)
    func cancelledGenerationIsAnEmptyResponse(wire: WireProtocol, stream: Bool) async throws {
        let outcome = try await Harness.withSimulator(try Self.simulator(faults: .always(.cutStream))) { server in
            try await Harness.run(try Self.config(server, wire, stream: stream, load: "{requests: 4, concurrency: 2}"))
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.errors == [.emptyResponse: 4], "\(wire) stream=\(stream)")
        #expect(scenario.counts?.succeeded == 0)
        #expect(scenario.samples.isEmpty, "failed requests leave no latency sample")
        guard case .everyRequestFailed(_, _, _, 4, _, let example)? = outcome.failure else {
            Issue.record("expected everyRequestFailed, got \(String(describing: outcome.failure))")
            return
        }
        #expect(example?.hasPrefix("empty_response: ") == true)
    }

    /// Content, then a clean end without the end marker: the generation was abandoned.
    @Test(arguments: WireProtocol.allCases)
    func generationCutAfterContentIsIncomplete(wire: WireProtocol) async throws {
        let faults = try FaultInjection(probabilities: [.cutStream: 1], atChunk: 3)
        let outcome = try await Harness.withSimulator(try Self.simulator(faults: faults)) { server in
            try await Harness.run(try Self.config(server, wire, load: "{requests: 4, concurrency: 2}"))
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.errors == [.streamIncomplete: 4], "\(wire)")
        #expect(scenario.samples.isEmpty)
    }

    /// Half the generations cancelled: the run goes on, and only the successful half gives samples
    /// (the bug: 39 empty streams counted as successes, E2E p50 below TTFT p50).
    @Test func failedRequestsContributeNoSample() async throws {
        let faults = try FaultInjection(probabilities: [.cutStream: 0.5])
        let outcome = try await Harness.withSimulator(try Self.simulator(tokens: 8, faults: faults)) { server in
            try await Harness.run(try Self.config(server, .openAIChat, load: "{requests: 40, concurrency: 4}"))
        }
        #expect(outcome.failure == nil)
        let scenario = try #require(outcome.results.scenarios.first)
        let counts = try #require(scenario.counts)
        #expect(counts.failed > 5 && counts.succeeded > 5, "about half of 40 fail: \(counts)")
        #expect(counts.errors == [.emptyResponse: counts.failed])
        #expect(scenario.samples[.ttftMs]?.count == counts.succeeded)
        #expect(scenario.samples[.e2eMs]?.count == counts.succeeded)
        #expect(scenario.samples[.tpotMs]?.count == counts.succeeded)
        #expect(scenario.samples[.itlMs]?.count == counts.succeeded * 7)
        // Each successful request's 7 gaps carry its number, 0 … succeeded − 1, in order.
        let requests = try #require(scenario.sampleRequests?[.itlMs])
        #expect(requests == (0..<counts.succeeded).flatMap { Array(repeating: $0, count: 7) })
        #expect(scenario.totals?.outputTokens == counts.succeeded * 8)
        let summary = RunSummary(results: outcome.results).rows[0]
        #expect((summary.e2eP50 ?? 0) > (summary.ttftP50 ?? .infinity))
    }

    /// Several tokens per chunk and no usage: the server's tokenizer gives the true count, per
    /// dialect, and everything derived from output tokens follows.
    @Test(arguments: [
        (TokenizerDialect.vllm, WireProtocol.openAIChat, true), (.llamaCpp, .openAIChat, true), (.tgi, .openAIChat, true),
        (.llamaCpp, .openAICompletions, true), (.vllm, .openAIChat, false), (.tgi, .tgi, true), (.tgi, .tgi, false),
    ])
    func tokenizerGivesTheTrueCount(dialect: TokenizerDialect, wire: WireProtocol, stream: Bool) async throws {
        let simulator = try Self.simulator(tokens: 10, tokensPerChunk: 3, usage: false, tokenizer: dialect)
        try await Harness.withSimulator(simulator) { server in
            let outcome = try await Harness.run(try Self.config(server, wire, stream: stream))
            #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
            let scenario = try #require(outcome.results.scenarios.first)
            #expect(scenario.tokenSource == .tokenizer, "\(dialect) \(wire) stream=\(stream)")
            #expect(scenario.counts?.succeeded == 6)
            let log = try #require(outcome.recordings.first?.log)
            var checked = 0
            for index in 0..<log.count {
                let record = log[index]
                let truth = try #require(server.truth(requestID: UInt64(record.serverRequestID)))
                #expect(Int(record.outputTokens) == truth.outputTokens, "request \(truth.requestID)")
                #expect(record.outputTokenSource == .tokenizer)
                checked += 1
            }
            #expect(checked == 6)
            #expect(scenario.totals?.outputTokens == 60)
            if stream {
                // TPOT divides by the true count less one, not by the chunk count less one.
                let ttft = try #require(scenario.samples[.ttftMs])
                let e2e = try #require(scenario.samples[.e2eMs])
                let tpot = try #require(scenario.samples[.tpotMs])
                for i in tpot.indices { #expect(abs(tpot[i] - (e2e[i] - ttft[i]) / 9) < 0.01) }
            }
            let rates = try #require(scenario.samples[.outputTokensPerSecond])
            let e2e = try #require(scenario.samples[.e2eMs])
            for i in rates.indices { #expect(abs(rates[i] - 10 / (e2e[i] / 1000)) < 0.01 * rates[i]) }
        }
    }

    /// Without a tokenize endpoint the chunk count stays, and says so.
    @Test func withoutTokenizerTheChunkCountStays() async throws {
        let simulator = try Self.simulator(tokens: 10, tokensPerChunk: 3, usage: false)
        let outcome = try await Harness.withSimulator(simulator) { server in
            try await Harness.run(try Self.config(server, .openAIChat))
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.tokenSource == .counted)
        #expect(scenario.totals?.outputTokens == 6 * 4, "4 chunks of up to 3 tokens each")
    }

    /// A provider preset probes only its own engine's endpoint: a vLLM target does not try llama.cpp's.
    @Test func providerPresetProbesItsOwnDialectOnly() async throws {
        let simulator = try Self.simulator(tokens: 10, tokensPerChunk: 3, usage: false, tokenizer: .llamaCpp)
        let outcome = try await Harness.withSimulator(simulator) { server in
            try await Harness.run(try Self.config(server, .openAIChat, provider: "vllm"))
        }
        #expect(outcome.results.scenarios.first?.tokenSource == .counted)
    }

    /// Server usage wins: the tokenizer is not needed.
    @Test func serverUsageIsUsedWhenReported() async throws {
        let simulator = try Self.simulator(tokens: 10, tokensPerChunk: 3, tokenizer: .vllm)
        let outcome = try await Harness.withSimulator(simulator) { server in
            try await Harness.run(try Self.config(server, .openAIChat))
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.tokenSource == .server)
        #expect(scenario.totals?.outputTokens == 60)
    }

    /// A reply larger than the caps fails as response_too_large, streamed (one big event) or not.
    @Test(arguments: [true, false])
    func oversizedReplyIsClassified(stream: Bool) async throws {
        let simulator = try Self.simulator(tokens: 600, tokensPerChunk: 600)
        let load = stream ? "{requests: 3, concurrency: 1, max_event_size: 1KiB}" : "{requests: 3, concurrency: 1, max_response_size: 2KiB}"
        let outcome = try await Harness.withSimulator(simulator) { server in
            try await Harness.run(try Self.config(server, .openAIChat, stream: stream, maxTokens: 600, load: load))
        }
        let scenario = try #require(outcome.results.scenarios.first)
        #expect(scenario.counts?.errors == [.responseTooLarge: 3])
        guard case .everyRequestFailed(_, _, _, _, _, let example)? = outcome.failure else {
            Issue.record("expected everyRequestFailed, got \(String(describing: outcome.failure))")
            return
        }
        #expect(example?.contains(stream ? "max_event_size (1 KiB)" : "max_response_size (2 KiB)") == true, "\(example ?? "")")
        #expect(outcome.failure?.description.contains("raise load.max_event_size or load.max_response_size") == true)
    }
}
