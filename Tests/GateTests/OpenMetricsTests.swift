import Foundation
import LensCore
import TestSupport
import Testing

@testable import Gate

/// The OpenMetrics report: valid for the reference parser (prometheus_client's strict OpenMetrics
/// parser), label values escaped, non-finite values left out, `# EOF` last.
@Suite struct OpenMetricsTests {
    func check(_ scenario: String, name: Metric = .ttftMs, percent: Double? = 12.5, outcome: Outcome = .regressed) -> Check {
        let change = Change(percent: percent, confidence: 0.95, significant: true, baselineCount: 10, currentCount: 10)
        return Check(
            scenario: scenario, kind: .comparison, target: MetricStatistic(name, .quantile(0.95)), baselineValue: 100,
            currentValue: 112.5, change: change, thresholdPercent: 10, outcome: outcome, severity: .error, message: "m")
    }

    @Test func labelValuesAreEscaped() {
        #expect(OpenMetricsReport.escape(#"a"b\c"# + "\nd\re#1") == #"a\"b\\c\nd e＃1"#)
    }

    @Test func theReferenceParserReadsBackEveryLabelAndValue() throws {
        let hostile = ["chat", "x::error::y", "q\"uote\\back\nslash", "<script>", "%0A@me,a=b}", "it's #1 $HOME `x`"]
        var checks = hostile.map { check($0) }
        checks.append(check("chat"))  // same scenario and name: numbered
        checks.append(check("nan", percent: .nan))  // left out of change_percent
        let verdict = Verdict(checks: checks, correction: .holm)
        let text = OpenMetricsReport(verdict).text
        #expect(text.hasSuffix("\n# EOF\n"))
        #expect(!text.contains("NaN"))

        let path = Scratch.file("txt")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import json, sys
            from prometheus_client.openmetrics.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1], encoding='utf-8').read()):
                assert family.type == 'gauge', family
                out[family.name] = [[s.labels.get('scenario'), s.labels.get('check'), s.value] for s in family.samples]
            print(json.dumps(out))
            """
        let parsed = try ExternalTool.run("python3", ["-c", script, path])
        #expect(parsed.status == 0, "\(parsed.all)")
        let families = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: [[Any]]])
        let change = try #require(families["lens_gate_change_percent"])
        #expect(change.map { $0[0] as? String } == hostile.map { $0.replacingOccurrences(of: "#", with: "＃") } + ["chat"])
        #expect(change.last?[1] as? String == "ttft_ms.p95 (2)")
        #expect(change.allSatisfy { $0[2] as? Double == 12.5 })
        #expect(families["lens_gate_current_value"]?.count == checks.count)
        #expect(families["lens_gate_regressions"]?.first?[2] as? Double == Double(checks.count))
        #expect(families["lens_gate_checks"]?.first?[2] as? Double == Double(checks.count))
        #expect(families["lens_gate_passed"]?.first?[2] as? Double == 0)

        // GitLab's metrics report: each line cut at '#', then split into shell words: name, value.
        let gitlab = """
            import shlex, sys
            for line in open(sys.argv[1], encoding='utf-8'):
                words = shlex.split(line.split('#', 1)[0])
                assert words == [] or len(words) == 2, (line, words)
                if words: float(words[1])
            """
        let gitlabParsed = try ExternalTool.run("python3", ["-c", gitlab, path])
        #expect(gitlabParsed.status == 0, "\(gitlabParsed.all)")
    }
}
