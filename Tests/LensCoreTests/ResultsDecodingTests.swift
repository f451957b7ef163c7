import Testing

@testable import LensCore

@Suite struct ResultsDecodingTests {
    func decode(_ text: String) throws -> Results { try Results(json: try JSONParser.parse(text)) }

    func failure(_ text: String) -> FieldError? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as FieldError {
            return error
        } catch {
            return nil
        }
    }

    @Test func acceptsTheMinimalForm() throws {
        let results = try decode(
            #"{"schema_version": 1, "scenarios": [{"name": "chat-short", "samples": {"ttft_ms": [120.5, 118.2, 131.0]}}]}"#)
        #expect(results.scenarios.count == 1)
        #expect(results.scenarios[0].samples[.ttftMs] == [120.5, 118.2, 131.0])
        #expect(results.run.complete)
        #expect(results.scenarios[0].availableMetrics == [.ttftMs])
    }

    @Test func acceptsTheFullFormAndDerivesScenarioMetrics() throws {
        let text = """
            {"schema_version": 1,
             "run": {"started_at": "2026-11-23T10:00:00Z", "complete": true, "tool_version": "0.1.0",
                     "config_fingerprint": "sha256:abc", "git": {"commit": "deadbeef", "branch": "main"},
                     "host": {"name": "ci", "os": "Linux", "cpu_count": 2, "hardware_tag": "gha-2core"}},
             "scenarios": [{"name": "s", "target": "sim", "workload": "short", "model": "m",
                            "samples": {"ttft_ms": [1, 2], "e2e_ms": [10, 20]},
                            "counts": {"requests": 4, "succeeded": 2, "failed": 2, "errors": {"timeout": 1, "http_5xx": 1}},
                            "totals": {"duration_s": 2, "output_tokens": 100, "cost_usd": 0.01},
                            "token_source": "server"}]}
            """
        let results = try decode(text)
        let scenario = results.scenarios[0]
        #expect(results.run.git?.commit == "deadbeef")
        #expect(results.run.host?.cpuCount == 2)
        #expect(scenario.scenarioValue(.errorRate) == 0.5)
        #expect(scenario.scenarioValue(.requestThroughput) == 1)
        #expect(scenario.scenarioValue(.outputThroughput) == 50)
        #expect(scenario.counts?.errors[.timeout] == 1)
        #expect(scenario.availableMetrics == [.ttftMs, .e2eMs, .requestThroughput, .outputThroughput, .errorRate])
        // Writing and reading back gives the same model.
        let written = JSONWriter().string(results.json)
        #expect(try decode(written) == results)
    }

    @Test(arguments: [
        (#"{"scenarios": []}"#, "missing required field 'schema_version'"),
        (#"{"schema_version": 2, "scenarios": []}"#, "unsupported schema_version 2"),
        (#"{"schema_version": "1", "scenarios": []}"#, "expected a number"),
        (#"{"schema_version": 1, "scenarios": []}"#, "no scenarios"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": []}}]}"#, "empty sample list"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1, -5]}}]}"#, "negative value -5.0"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft": [1]}}]}"#, "did you mean 'ttft_ms'?"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"error_rate": [0.1]}}]}"#, "per-scenario metric"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1, "x"]}}]}"#, "expected a number, found a string"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}}, {"name": "s", "samples": {}}]}"#, "duplicate scenario name"),
        (#"{"schema_version": 1, "scenarios": [{"name": " ", "samples": {}}]}"#, "scenario name is empty"),
        (#"{"schema_version": 1, "scenarios": [{"name": "s", "sample": {}}]}"#, "missing required field 'samples' (found 'sample')"),
        (
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}, "counts": {"requests": 3, "succeeded": 1, "failed": 1}}]}"#,
            "must equal requests"
        ),
        (
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}, "counts": {"requests": 2, "failed": 1, "errors": {"timeout": 2}}}]}"#,
            "more than failed"
        ),
        (
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {}, "counts": {"requests": 2, "errors": {"timeot": 0}}}]}"#,
            "did you mean 'timeout'?"
        ),
    ])
    func rejectsInvalidDocuments(text: String, reason: String) {
        let error = failure(text)
        #expect(error != nil)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func errorNamesTheFieldPath() {
        let error = failure(
            #"{"schema_version": 1, "scenarios": [{"name": "a", "samples": {"ttft_ms": [1]}}, {"name": "b", "samples": {"e2e_ms": [3, -1]}}]}"#
        )
        #expect(error?.path.description == "scenarios[1].samples.e2e_ms[1]")
    }
}
