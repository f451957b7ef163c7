import Testing

@testable import LensCore

/// Metrics a results file declares of its own: read, written, named by rules, and refused when
/// undeclared or declared wrongly, naming the field.
@Suite struct CustomMetricTests {
    func decode(_ text: String) throws -> Results { try Results(json: try JSONParser.parse(text)) }

    func failure(_ text: String) -> String? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as FieldError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    static let declared = """
        {"schema_version": 1,
         "metrics": {"queue_ms": {"unit": "ms", "better": "lower"},
                     "cache_hit_ratio": {"unit": "ratio", "better": "higher", "per": "scenario"}},
         "scenarios": [{"name": "s", "samples": {"ttft_ms": [1, 2], "queue_ms": [3, 4, 5]},
                        "values": {"cache_hit_ratio": 0.8}}]}
        """

    @Test func declaredMetricsAreReadWithTheirUnitDirectionAndGranularity() throws {
        let results = try decode(Self.declared)
        let queue = try #require(results.metrics.metric(named: "queue_ms"))
        #expect(queue.unit.rawValue == "ms" && queue.direction == .lowerIsBetter && queue.granularity == .perRequest)
        #expect(!queue.isBuiltIn)
        let ratio = try #require(results.metrics.metric(named: "cache_hit_ratio"))
        #expect(ratio.direction == .higherIsBetter && ratio.granularity == .perScenario)
        let scenario = results.scenarios[0]
        #expect(scenario.samples[queue] == [3, 4, 5])
        #expect(scenario.scenarioValue(ratio) == 0.8)
        #expect(scenario.availableMetrics.map(\.name) == ["ttft_ms", "cache_hit_ratio", "queue_ms"])
    }

    @Test func declarationsSurviveAWriteAndARead() throws {
        let results = try decode(Self.declared)
        let text = String(decoding: ResultsFile.encode(results), as: UTF8.self)
        let again = try decode(text)
        #expect(again == results)
        #expect(
            again.metrics.declaredMetrics.map(MetricDeclaration.summary) == results.metrics.declaredMetrics.map(MetricDeclaration.summary))
        #expect(text.contains("\"values\""))
    }

    @Test(arguments: [
        (
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"queue_ms": [1]}}]}"#,
            "scenarios[0].samples.queue_ms: unknown metric 'queue_ms'"
        ),
        (
            #"{"schema_version": 1, "metrics": {"ttft_ms": {"unit": "ms", "better": "lower"}}, "scenarios": []}"#,
            "metrics.ttft_ms: 'ttft_ms' is a built-in metric"
        ),
        (
            #"{"schema_version": 1, "metrics": {"Queue-MS": {"unit": "ms", "better": "lower"}}, "scenarios": []}"#,
            "must be a lowercase identifier"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "faster"}}, "scenarios": []}"#,
            "metrics.q.better: better must be 'lower' or 'higher', found 'faster'"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "m s", "better": "lower"}}, "scenarios": []}"#,
            "metrics.q.unit: unit must be"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "lower", "per": "run"}}, "scenarios": []}"#,
            "metrics.q.per: per must be 'request' or 'scenario'"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "lower", "direction": "up"}}, "scenarios": []}"#,
            "metrics.q.direction: unknown key 'direction'"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "lower"}}, "scenarios": [{"name": "s", "samples": {}, "values": {"q": 1}}]}"#,
            "scenarios[0].values.q: q is declared per request"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "lower", "per": "scenario"}}, "scenarios": [{"name": "s", "samples": {"q": [1]}}]}"#,
            "scenarios[0].samples.q: q is a per-scenario metric declared per scenario"
        ),
        (
            #"{"schema_version": 1, "metrics": {"q": {"unit": "ms", "better": "lower"}}, "scenarios": [{"name": "s", "samples": {"q": [1, -2]}}]}"#,
            "scenarios[0].samples.q[1]: negative value -2.0"
        ),
        (
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}, "values": {"error_rate": 1}}]}"#,
            "scenarios[0].values.error_rate: error_rate is built in"
        ),
    ])
    func badDeclarationsAndUndeclaredNamesAreRefusedAtTheirField(text: String, message: String) {
        let error = failure(text)
        #expect(error?.contains(message) == true, "\(error ?? "accepted")")
    }

    @Test func historyLinesCarryTheDeclarations() throws {
        var entry = HistoryEntry(scenarios: [:])
        let queue = Metric.declared("queue_ms", unit: .milliseconds, direction: .lowerIsBetter, granularity: .perRequest)
        entry.metrics = MetricCatalog(declaring: [queue])
        entry.scenarios["s"] = [queue: MetricSummary(count: 3, mean: 4)]
        let line = String(decoding: JSONWriter().compactBytes(entry.json), as: UTF8.self)
        let again = try HistoryEntry(json: try JSONParser.parse(line))
        #expect(again.summary("s", queue)?.mean == 4)
        #expect(again.metrics.metric(named: "queue_ms")?.unit == .milliseconds)
        let undeclared = line.replacingOccurrences(of: #""metrics":{"queue_ms":{"unit":"ms","better":"lower","per":"request"}},"#, with: "")
        #expect(undeclared != line)
        #expect(throws: FieldError.self) { try HistoryEntry(json: try JSONParser.parse(undeclared)) }
    }

    @Test func rulesNameDeclaredMetricsAndAreResolvedAgainstTheResults() throws {
        let config = try LensConfig(
            yaml: """
                gate:
                  rules: [queue_ms.p95, cache_hit_ratio]
                  quality_gates: ["queue_ms.p95 < 0.5s", "cache_hit_ratio >= 70%"]
                  budgets: [{metric: queue_ms.p50, budget: 20ms}]
                """
        ).gate
        #expect(config.rules?[0].target.metric.origin == .referenced)
        let results = try decode(Self.declared)
        let resolved = try config.resolvingMetrics(in: results.metrics)
        #expect(resolved.rules?[1].target.metric.direction == .higherIsBetter)
        #expect(resolved.qualityGates[0].limit == 500)
        #expect(abs(resolved.qualityGates[1].limit - 0.7) < 1e-12)
        #expect(resolved.budgets[0].budget == 20)
        #expect(resolved.qualityGates[0].target.metric.unit == .milliseconds)
    }

    @Test(arguments: [
        (
            "gate: {rules: [queue_len.p95]}",
            "gate.rules: 'queue_len' is not a built-in metric and the results do not declare it (did you mean 'queue_ms'?)"
        ),
        ("gate: {rules: [cache_hit_ratio.p95]}", "names cache_hit_ratio with a statistic, but the results declare it per scenario"),
        ("gate: {quality_gates: [\"queue_ms < 3\"]}", "names queue_ms without a statistic, but the results declare it per request"),
        ("gate: {quality_gates: [\"cache_hit_ratio >= 70ms\"]}", "'70ms' is not a number in ratio"),
    ])
    func referencesThatDoNotFitTheDeclarationsAreConfigErrors(yaml: String, message: String) throws {
        let config = try LensConfig(yaml: yaml + "\n").gate
        let results = try decode(Self.declared)
        do {
            _ = try config.resolvingMetrics(in: results.metrics)
            Issue.record("resolved: \(yaml)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func misspeltBuiltInNamesStayErrorsAtParseTime() {
        #expect(throws: (any Error).self) { try LensConfig(yaml: "gate: {rules: [ttft_mss.p95]}\n") }
        #expect(throws: (any Error).self) { try LensConfig(yaml: "gate: {rules: [Queue.p95]}\n") }
    }
}
