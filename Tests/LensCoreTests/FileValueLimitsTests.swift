import Foundation
import Testing

@testable import LensCore

/// Results, baseline and history files carry numbers the gate computes with: every sample and
/// statistic must be finite and at most 10¹⁸ in magnitude, every count a whole number ≥ 0. A
/// history statistic of 1e308 used to pass the reader and trap in `trend`, `baseline show` and
/// `check --history` (sums overflowed to infinity, and an interval of NaNs trapped).
@Suite struct FileValueLimitsTests {
    func resultsFailure(_ text: String) -> FieldError? {
        do {
            _ = try Results(json: try JSONParser.parse(text))
            return nil
        } catch let error as FieldError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        (#"{"ttft_ms": [1, 1e308]}"#, "scenarios[0].samples.ttft_ms[1]", "must be between -1e+18 and 1e+18, found 1e+308"),
        (#"{"cost_usd": [2e18]}"#, "scenarios[0].samples.cost_usd[0]", "must be between -1e+18 and 1e+18, found 2e+18"),
    ])
    func samplesBeyondTheBoundAreRefused(samples: String, field: String, reason: String) {
        let error = resultsFailure(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": \#(samples)}]}"#)
        #expect(error?.path.description == field, "\(String(describing: error))")
        #expect(error?.reason == reason)
    }

    @Test(arguments: [
        (#""engine_samples": {"eval_duration_ms": [1e300]}"#, "scenarios[0].engine_samples.eval_duration_ms[0]"),
        (#""totals": {"duration_s": 1e300}"#, "scenarios[0].totals.duration_s"),
        (#""totals": {"output_tokens": -1}"#, "scenarios[0].totals.output_tokens"),
        (#""counts": {"requests": -3}"#, "scenarios[0].counts.requests"),
        (#""counts": {"requests": 1, "failed": 1, "errors": {"timeout": -1}}"#, "scenarios[0].counts.errors.timeout"),
        (#""interleaved": {"role": "baseline", "pair": "p", "block_size": 1e9}"#, "scenarios[0].interleaved.block_size"),
    ])
    func otherNumbersAreBoundedToo(member: String, field: String) {
        let error = resultsFailure(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1]}, \#(member)}]}"#)
        #expect(error?.path.description == field, "\(String(describing: error))")
        #expect(error?.reason.hasPrefix("must be between") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"{"n": 10, "mean": 100, "p50": 1e308}"#, "scenarios.chat.ttft_ms.p50", "must be between -1e+18 and 1e+18, found 1e+308"),
        (#"{"n": 10, "mean": -1e300}"#, "scenarios.chat.ttft_ms.mean", "must be between -1e+18 and 1e+18, found -1e+300"),
        (#"{"n": -1, "mean": 1}"#, "scenarios.chat.ttft_ms.n", "must be between 0 and 9000000000000000, found -1"),
        (#"{"n": 10, "mean": 1, "log_se": {"p95": 1e300}}"#, "scenarios.chat.ttft_ms.log_se.p95", "must be between -1e+18 and 1e+18"),
        (#"{"n": 10, "mean": 1, "log_se": {"p95": -1}}"#, "scenarios.chat.ttft_ms.log_se.p95", "a standard error must be ≥ 0, found -1.0"),
    ])
    func historyStatisticsAreBounded(summary: String, field: String, reason: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("main.jsonl").path
        let good = #"{"schema_version": 1, "scenarios": {"chat": {"ttft_ms": {"n": 10, "mean": 100, "p50": 100}}}}"#
        let bad = #"{"schema_version": 1, "scenarios": {"chat": {"ttft_ms": \#(summary)}}}"#
        try Data((good + "\n" + bad + "\n" + good + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try HistoryFile.load(path, baseline: .unknown)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.position.line == 2 && error.field?.description == field && error.reason.hasPrefix(reason)
        }
    }
}

/// Throughputs derived from counts and totals must be numbers a file can hold: a duration of
/// 2.2e-308 s made request_throughput infinite, and the history line `baseline update` wrote
/// from it held `"mean": null`, which no later command could read (found by the fuzzer:
/// Fuzz/Corpus/results/regression-attosecond-duration-infinite-throughput.json).
@Suite struct DerivedValueLimitsTests {
    @Test func aDurationTooShortForTheCountsIsRefused() throws {
        let text =
            #"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1]}, "counts": {"requests": 120, "succeeded": 120, "failed": 0}, "totals": {"duration_s": 2.2250738585072014e-308, "output_tokens": 7680}}]}"#
        #expect {
            _ = try Results(json: try JSONParser.parse(text))
        } throws: { error in
            guard let error = error as? FieldError else { return false }
            return error.path.description == "scenarios[0].totals.duration_s"
                && error.reason.hasPrefix("too short for the counts: request_throughput would be")
        }
    }

    @Test func derivedValuesBeyondTheBoundAreNotGiven() {
        let scenario = ScenarioResult(
            name: "s", counts: RequestCounts(requests: 10, succeeded: 10, failed: 0),
            totals: ScenarioTotals(durationSeconds: 1e-300, outputTokens: 100))
        #expect(scenario.scenarioValue(.requestThroughput) == nil)
        #expect(scenario.scenarioValue(.outputThroughput) == nil)
        #expect(scenario.scenarioValue(.errorRate) == 0)
        #expect(!scenario.availableMetrics.contains(.requestThroughput))
        let normal = ScenarioResult(
            name: "s", counts: RequestCounts(requests: 10, succeeded: 10, failed: 0),
            totals: ScenarioTotals(durationSeconds: 2, outputTokens: 100))
        #expect(normal.scenarioValue(.requestThroughput) == 5)
    }
}
