import Foundation
import TestSupport
import Testing

/// `lens-gate check` on results that declare metrics of their own: judged in their direction,
/// named by quality gates, and every misfit an exit 2 at the file and field or config line at fault.
@Suite struct CustomMetricCommandTests {
    /// A results file declaring a per-request `queue_ms` (samples around `queue`) and a
    /// per-scenario `engine_preemptions`.
    static func results(queue: Double, preemptions: Int, better: String = "lower") -> String {
        let samples = (0..<60).map { (index: Int) -> String in
            let spread: Double = 0.9 + 0.2 * Double((index * 37) % 60) / 60
            return String(queue * spread)
        }
        let ttft = (0..<60).map { (index: Int) -> String in String(100 + Double((index * 17) % 60) / 6) }
        return """
            {"schema_version": 1,
             "metrics": {"queue_ms": {"unit": "ms", "better": "\(better)"},
                         "engine_preemptions": {"unit": "count", "better": "lower", "per": "scenario"}},
             "scenarios": [{"name": "chat",
                            "samples": {"ttft_ms": [\(ttft.joined(separator: ","))], "queue_ms": [\(samples.joined(separator: ","))]},
                            "values": {"engine_preemptions": \(preemptions)}}]}
            """
    }

    func write(_ files: [String: String]) throws -> URL {
        let directory = Scratch.directory()
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func aDeclaredMetricThatGotWorseFailsTheGateAndIsReported() throws {
        let directory = try write([
            "base.json": Self.results(queue: 10, preemptions: 0),
            "slow.json": Self.results(queue: 16, preemptions: 0),
            "lens-gate.yaml": "gate: {noise_model: within-run, rules: [queue_ms.p50]}\n",
        ])
        let outcome = try LensGateBinary.run(
            ["check", "slow.json", "--baseline", "base.json", "--junit", "junit.xml", "--openmetrics", "gate.prom"], in: directory)
        #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("queue_ms.p50"))
        #expect(outcome.stdout.contains("ms"))
        let metrics = try String(contentsOf: directory.appendingPathComponent("gate.prom"), encoding: .utf8)
        #expect(metrics.contains("metric=\"queue_ms\",unit=\"ms\""))
        let same = try LensGateBinary.run(["check", "base.json", "--baseline", "base.json"], in: directory)
        #expect(same.status == 0, "\(same.stdout)\n\(same.stderr)")
    }

    @Test func aQualityGateOnAPerScenarioValueFails() throws {
        let directory = try write([
            "run.json": Self.results(queue: 10, preemptions: 4),
            "lens-gate.yaml": "gate:\n  quality_gates: [\"engine_preemptions <= 0\"]\n",
        ])
        let outcome = try LensGateBinary.run(["check", "run.json", "--no-baseline"], in: directory)
        #expect(outcome.status == 1, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains("engine_preemptions is 4 count, breaking &lt;= 0 count"))
    }

    @Test func aRuleNamingAnUndeclaredMetricIsExitTwoAtItsConfigLine() throws {
        let directory = try write([
            "run.json": Self.results(queue: 10, preemptions: 0),
            "lens-gate.yaml": "gate:\n  quality_gates:\n    - \"kv_cache_ratio < 0.9\"\n",
        ])
        let outcome = try LensGateBinary.run(["check", "run.json", "--no-baseline"], in: directory)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(
            outcome.stderr.contains(
                "lens-gate.yaml:3:7: gate.quality_gates: 'kv_cache_ratio' is not a built-in metric and the results do not declare it"),
            "\(outcome.stderr)")
    }

    @Test func validateNamesTheMetricsTheResultsMustDeclare() throws {
        let directory = try write([
            "lens-gate.yaml": "gate:\n  rules: [queue_ms.p95, ttft_ms.p50]\n  quality_gates: [\"engine_preemptions <= 0\"]\n"
        ])
        let outcome = try LensGateBinary.run(["validate"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout.contains(
                "gate: metrics the results must declare (docs/results-format.md#metrics-of-your-own): engine_preemptions, queue_ms"))
    }

    @Test func declarationsThatDisagreeWithTheBaselineAreExitTwo() throws {
        let directory = try write([
            "base.json": Self.results(queue: 10, preemptions: 0),
            "run.json": Self.results(queue: 10, preemptions: 0, better: "higher"),
        ])
        let outcome = try LensGateBinary.run(["check", "run.json", "--baseline", "base.json"], in: directory)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("run.json: metrics.queue_ms: metric 'queue_ms' is declared as"), "\(outcome.stderr)")
    }

    @Test func anUndeclaredSampleListKeepsTheUnknownMetricError() throws {
        let undeclared = Self.results(queue: 10, preemptions: 0).replacingOccurrences(
            of: #""queue_ms": {"unit": "ms", "better": "lower"},"#, with: "")
        let directory = try write(["run.json": undeclared])
        let outcome = try LensGateBinary.run(["check", "run.json", "--no-baseline"], in: directory)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("scenarios[0].samples.queue_ms: unknown metric 'queue_ms'"), "\(outcome.stderr)")
    }
}
