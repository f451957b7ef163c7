import LensCore
import Testing

@testable import Simulator

/// `GET /metrics` serves the simulator's own work in vLLM's names: the page parses with lens-gate's
/// exposition parser, and its counters and histograms move by exactly what known requests did.
@Suite struct MetricsPageTests {
    private func scrape(_ port: Int) async throws -> (page: ExpositionPage, contentType: String?, requestID: String?) {
        let response = try await exchange(port: port, "/metrics", method: "GET")
        #expect(response.status == 200)
        let page = try ExpositionParser.parse(response.body)
        return (
            page, response.headers.first { $0.name == "content-type" }?.value,
            response.headers.first { $0.name == "x-sim-request-id" }?.value
        )
    }

    private func value(_ page: ExpositionPage, _ family: String, suffix: String = "") -> Double? {
        page.family(family)?.total(suffix: suffix)
    }

    @Test func countersAndHistogramsMoveByWhatRequestsDid() async throws {
        let profile = try constantProfile(ttft: .milliseconds(30), gap: .milliseconds(2), tokens: 12)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let (before, contentType, requestID) = try await scrape(server.port)
            #expect(contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(requestID == "0")
            #expect(value(before, "vllm:request_success") == 0)
            #expect(before.family("vllm:time_to_first_token_seconds")?.samples.count == 25)
            for index in 0..<5 {
                let body =
                    #"{"model":"sim-model","max_tokens":100,"stream":\#(index % 2 == 0),"messages":[{"role":"user","content":"hello there"}]}"#
                let response = try await exchange(port: server.port, "/v1/chat/completions", body: body)
                #expect(response.status == 200)
            }
            // A rejected request (unknown model) never ran: it moves no counter.
            _ = try await exchange(port: server.port, "/v1/chat/completions", body: #"{"model":"nope","messages":[]}"#)
            let (after, _, _) = try await scrape(server.port)
            let truth = server.truth().filter { $0.outcome == .completed }
            #expect(truth.count == 5)
            #expect(value(after, "vllm:request_success") == 5)
            #expect(value(after, "vllm:generation_tokens") == 60)
            #expect(value(after, "vllm:prompt_tokens") == Double(truth.map(\.inputTokens).reduce(0, +)))
            #expect(value(after, "vllm:num_preemptions") == 0)
            #expect(value(after, "vllm:num_requests_running") == 0)
            #expect(value(after, "vllm:num_requests_waiting") == 0)
            #expect(value(after, "vllm:kv_cache_usage_perc") == 0)
            #expect(value(after, "vllm:e2e_request_latency_seconds", suffix: "_count") == 5)
            #expect(value(after, "vllm:request_queue_time_seconds", suffix: "_sum") == 0)
            let ttftSum = try #require(value(after, "vllm:time_to_first_token_seconds", suffix: "_sum"))
            let written = truth.compactMap(\.firstContentWritten).map {
                Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18
            }
            #expect(abs(ttftSum - written.reduce(0, +)) < 1e-6)
            // The figures lens-gate would record for the scenario.
            let figures = ScrapePair(before: before, after: after).figures()
            let ttftMean = try #require(figures.first { $0.name == "engine_vllm_ttft_ms_mean" })
            #expect(abs(ttftMean.value - written.reduce(0, +) / 5 * 1000) < 1e-3)
            #expect(ttftMean.value >= 30)
            let p95 = try #require(figures.first { $0.name == "engine_vllm_ttft_ms_p95" }?.value)
            // The truth's TTFTs in vLLM's buckets give the same estimate (timing-independent: under
            // load the writes come later, but the page and the truth agree on when).
            let bounds = EngineStats.ttftBounds + [.infinity]
            let cumulative = bounds.map { bound in (upperBound: bound, count: Double(written.filter { $0 <= bound }.count)) }
            let expected = try #require(HistogramDelta(buckets: cumulative, sum: written.reduce(0, +), count: 5).quantile(0.95))
            #expect(abs(p95 - expected * 1000) < 1e-6)
            #expect(p95 > 20)
            #expect(figures.first { $0.name == "engine_vllm_preemptions" }?.value == 0)
        }
    }

    @Test func runningRequestsShowInGaugesWhileInFlight() async throws {
        let profile = try constantProfile(ttft: .milliseconds(1500), gap: .milliseconds(1), tokens: 100)
        try await withSimulator(testConfiguration(profile: profile)) { server in
            let port = server.port
            async let generation = exchange(
                port: port, "/v1/chat/completions", body: #"{"model":"sim-model","stream":true,"messages":[]}"#)
            try await Task.sleep(for: .milliseconds(300))
            let (during, _, _) = try await scrape(port)
            #expect(value(during, "vllm:num_requests_running") == 1)
            let usage = try #require(value(during, "vllm:kv_cache_usage_perc"))
            #expect(usage > 0 && usage < 0.01)
            _ = try await generation
            let (after, _, _) = try await scrape(port)
            #expect(value(after, "vllm:num_requests_running") == 0)
            #expect(value(after, "vllm:request_success") == 1)
        }
    }

    @Test func labelValuesAreEscaped() throws {
        var stats: [String: EngineStats.Series] = [:]
        stats["a \"b\"\\c\nd"] = EngineStats.Series()
        let buffer = MetricsPage.render(stats)
        let page = try ExpositionParser.parse(Array(buffer.readableBytesView))
        #expect(page.family("vllm:num_requests_running")?.samples.first?[label: "model_name"] == "a \"b\"\\c\nd")
    }

    @Test func metricsIsGetOnly() {
        #expect(Route(method: .GET, uri: "/metrics") == .metrics)
        #expect(Route(method: .POST, uri: "/metrics") == .methodNotAllowed(allowed: "GET"))
    }
}
