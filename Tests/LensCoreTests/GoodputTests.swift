import Testing

@testable import LensCore

/// The goodput definition (DistServe's, as vLLM applies it), reading SLOs, and good counts in
/// results files: reader errors, round trip, pooling and shard merging.
@Suite struct GoodputTests {
    static let full = ServiceLevelObjective(ttftMs: 500, tpotMs: 50, e2eMs: 5000)

    @Test func aRequestIsGoodWhenItSucceededAndMeetsEveryLimit() {
        let slo = Self.full
        #expect(slo.isGood(RequestLatencies(succeeded: true, ttftMs: 120, tpotMs: 20, e2eMs: 2000, outputTokens: 90)))
        // value <= limit: exactly at every limit is good.
        #expect(slo.isGood(RequestLatencies(succeeded: true, ttftMs: 500, tpotMs: 50, e2eMs: 5000, outputTokens: 90)))
        // One limit missed is enough to be bad, whichever it is.
        #expect(!slo.isGood(RequestLatencies(succeeded: true, ttftMs: 500.001, tpotMs: 20, e2eMs: 2000, outputTokens: 90)))
        #expect(!slo.isGood(RequestLatencies(succeeded: true, ttftMs: 120, tpotMs: 50.5, e2eMs: 2000, outputTokens: 90)))
        #expect(!slo.isGood(RequestLatencies(succeeded: true, ttftMs: 120, tpotMs: 20, e2eMs: 5001, outputTokens: 90)))
    }

    @Test func aFailedRequestIsNeverGood() {
        // Even with figures well inside every limit (a stream cut after its last token).
        #expect(!Self.full.isGood(RequestLatencies(succeeded: false, ttftMs: 1, tpotMs: 1, e2eMs: 1, outputTokens: 5)))
        #expect(!ServiceLevelObjective(e2eMs: 5000).isGood(RequestLatencies(succeeded: false)))
    }

    @Test func aOneTokenRequestMeetsAnyTPOTLimitLikeVLLM() {
        // vLLM records TPOT as 0 for goodput when output_len <= 1; TTFT and e2e still apply.
        let oneToken = RequestLatencies(succeeded: true, ttftMs: 100, tpotMs: nil, e2eMs: 100, outputTokens: 1)
        #expect(ServiceLevelObjective(tpotMs: 0.001).isGood(oneToken))
        #expect(Self.full.isGood(oneToken))
        #expect(!ServiceLevelObjective(ttftMs: 99, tpotMs: 50).isGood(oneToken))
        // Without a token count a missing TPOT cannot be excused: it may be a long answer without TTFT.
        #expect(!ServiceLevelObjective(tpotMs: 50).isGood(RequestLatencies(succeeded: true, e2eMs: 100)))
    }

    @Test func aLimitWhoseFigureWasNotMeasuredIsNotMet() {
        // A non-streamed request has no TTFT and so no TPOT.
        let unstreamed = RequestLatencies(succeeded: true, ttftMs: nil, tpotMs: nil, e2eMs: 900, outputTokens: 40)
        #expect(!ServiceLevelObjective(ttftMs: 500).isGood(unstreamed))
        #expect(!ServiceLevelObjective(tpotMs: 50).isGood(unstreamed))
        #expect(ServiceLevelObjective(e2eMs: 1000).isGood(unstreamed))
        #expect(ServiceLevelObjective(ttftMs: 500).lacksFigures(unstreamed))
        #expect(!ServiceLevelObjective(e2eMs: 1000).lacksFigures(unstreamed))
    }

    @Test func limitsNotGivenConstrainNothing() {
        let slow = RequestLatencies(succeeded: true, ttftMs: 9000, tpotMs: 900, e2eMs: 90_000, outputTokens: 90)
        #expect(!ServiceLevelObjective(ttftMs: 500).isGood(slow))
        #expect(ServiceLevelObjective(e2eMs: 100_000).isGood(slow))
        let requests = [
            slow, RequestLatencies(succeeded: true, ttftMs: 100, tpotMs: 10, e2eMs: 1000, outputTokens: 91),
            RequestLatencies(succeeded: false),
        ]
        #expect(ServiceLevelObjective(ttftMs: 500).goodCount(requests) == 1)
        #expect(ServiceLevelObjective(e2eMs: 100_000).goodCount(requests) == 2)
    }

    @Test func overridesReplaceOnlyTheGivenLimits() {
        let merged = Self.full.overridden(by: ServiceLevelObjective(ttftMs: 200))
        #expect(merged == ServiceLevelObjective(ttftMs: 200, tpotMs: 50, e2eMs: 5000))
        #expect(merged.summary == "ttft_ms ≤ 200 ms, tpot_ms ≤ 50 ms, e2e_ms ≤ 5000 ms")
        #expect(ServiceLevelObjective(tpotMs: 12.5).canonicalText == "tpot_ms=12.5")
    }

    @Test func optionTextIsReadWithUnitsAndClearErrors() throws {
        #expect(try ServiceLevelObjective.parse(option: "ttft_ms=500,tpot_ms=50ms,e2e_ms=5s").get() == Self.full)
        #expect(try ServiceLevelObjective.parse(option: " e2e_ms = 2m ").get() == ServiceLevelObjective(e2eMs: 120_000))
        func message(_ text: String) -> String? {
            guard case .failure(let error) = ServiceLevelObjective.parse(option: text) else { return nil }
            return error.message
        }
        #expect(message("ttft=500")?.contains("did you mean 'ttft_ms'?") == true)
        #expect(message("ttft_ms")?.contains("key=value") == true)
        #expect(message("ttft_ms=0")?.contains("greater than 0") == true)
        #expect(message("ttft_ms=nan")?.contains("expected a latency limit") == true)
        #expect(message("ttft_ms=2d")?.contains("expected a latency limit") == true)
        #expect(message("ttft_ms=1,ttft_ms=2")?.contains("given twice") == true)
        #expect(message("")?.contains("at least one limit") == true)
        #expect(message(" ")?.contains("at least one limit") == true)
    }

    // MARK: Results files

    func decode(_ text: String) throws -> Results { try Results(json: try JSONParser.parse(text)) }

    func failure(_ scenarioFields: String) -> FieldError? {
        do {
            _ = try decode(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}, "# + scenarioFields + "}]}")
            return nil
        } catch let error as FieldError {
            return error
        } catch {
            return nil
        }
    }

    @Test func resultsCarryGoodputAndRoundTrip() throws {
        let text = #"""
            {"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1, 2, 3]},
             "counts": {"requests": 4, "succeeded": 3, "failed": 1},
             "goodput": {"good": 2, "slo": {"ttft_ms": 500, "e2e_ms": 5000}}}]}
            """#
        let results = try decode(text)
        #expect(results.scenarios[0].goodput == Goodput(good: 2, slo: ServiceLevelObjective(ttftMs: 500, e2eMs: 5000)))
        #expect(try Results(json: JSONNode(results.json)) == results)
        // Files without goodput (every file written before it) still read, without it.
        #expect(try decode(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}}]}"#).scenarios[0].goodput == nil)
    }

    @Test(arguments: [
        (
            #""counts": {"requests": 4, "succeeded": 3}, "goodput": {"good": 4, "slo": {"ttft_ms": 500}}"#,
            "scenarios[0].goodput.good", "more than the 3 that succeeded"
        ),
        (#""goodput": {"good": 1, "slo": {"ttft_ms": 500}}"#, "scenarios[0].goodput.good", "needs the scenario's counts"),
        (#""counts": {"requests": 4}, "goodput": {"good": -1, "slo": {"ttft_ms": 500}}"#, "scenarios[0].goodput.good", "between 0"),
        (#""counts": {"requests": 4}, "goodput": {"slo": {"ttft_ms": 500}}"#, "scenarios[0].goodput", "missing required field 'good'"),
        (#""counts": {"requests": 4}, "goodput": {"good": 1}"#, "scenarios[0].goodput", "missing required field 'slo'"),
        (#""counts": {"requests": 4}, "goodput": {"good": 1, "slo": {}}"#, "scenarios[0].goodput.slo", "at least one limit"),
        (
            #""counts": {"requests": 4}, "goodput": {"good": 1, "slo": {"ttft": 5}}"#, "scenarios[0].goodput.slo.ttft",
            "did you mean 'ttft_ms'?"
        ),
        (
            #""counts": {"requests": 4}, "goodput": {"good": 1, "slo": {"e2e_ms": 0}}"#, "scenarios[0].goodput.slo.e2e_ms",
            "greater than 0"
        ),
    ])
    func readerErrorsNameTheField(fields: String, path: String, reason: String) {
        let error = failure(fields)
        #expect(error?.path.description == path, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    static func scenario(good: Int, of requests: Int, slo: ServiceLevelObjective = GoodputTests.full) -> ScenarioResult {
        var scenario = ScenarioResult(
            name: "chat", samples: MetricSamples([.e2eMs: Array(repeating: 1, count: requests)]),
            counts: RequestCounts(requests: requests, succeeded: requests, failed: 0), totals: ScenarioTotals(durationSeconds: 10))
        scenario.goodput = Goodput(good: good, slo: slo)
        return scenario
    }

    @Test func poolingAddsGoodCountsUnderTheSameSLOOnly() {
        let pooled = Self.scenario(good: 3, of: 5).pooling(Self.scenario(good: 4, of: 6))
        #expect(pooled.goodput == Goodput(good: 7, slo: Self.full))
        #expect(Self.scenario(good: 3, of: 5).pooling(Self.scenario(good: 4, of: 6, slo: ServiceLevelObjective(ttftMs: 1))).goodput == nil)
        var withoutGoodput = Self.scenario(good: 4, of: 6)
        withoutGoodput.goodput = nil
        #expect(Self.scenario(good: 3, of: 5).pooling(withoutGoodput).goodput == nil)
    }

    @Test func shardMergeAddsGoodCounts() throws {
        var shards = try [ShardMergeTests.shard(1, of: 2), ShardMergeTests.shard(2, of: 2)]
        shards[0].scenarios[0].goodput = Goodput(good: 3, slo: Self.full)
        shards[1].scenarios[0].goodput = Goodput(good: 2, slo: Self.full)
        let merged = try ShardMerge.merge(ShardMergeTests.inputs(shards), allowPartial: false)
        #expect(merged.scenarios[0].goodput == Goodput(good: 5, slo: Self.full))
        // The merged file passes its own reader (good <= succeeded).
        #expect(try Results(json: JSONNode(merged.json)) == merged)
        shards[1].scenarios[0].goodput = nil
        #expect(try ShardMerge.merge(ShardMergeTests.inputs(shards), allowPartial: false).scenarios[0].goodput == nil)
    }
}
