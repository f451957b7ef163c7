import Testing

@testable import LensCore

@Suite struct ConfigTests {
    func failure(_ yaml: String) -> FieldError? {
        do {
            _ = try LensConfig(yaml: yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyConfigIsTheDefault() throws {
        #expect(try LensConfig(yaml: "") == LensConfig())
        #expect(try LensConfig(yaml: "# only a comment\n") == LensConfig())
        // Unset, not 5 and 0.02: a flag may supply them (rule > scenario > config > flag > default).
        #expect(try LensConfig(yaml: "gate: {correction: bh}\n").gate.thresholdPercent == nil)
        #expect(try LensConfig(yaml: "gate: {correction: bh}\n").gate.alpha == nil)
    }

    @Test func resampleCountNeverOverflows() {
        let gate = GateConfig()
        #expect(gate.resamples(forChecks: 1, alpha: 0.02) == 2000)
        #expect(gate.resamples(forChecks: 50, alpha: 0.02) == 25_000)
        #expect(gate.resamples(forChecks: 50, alpha: 1e-17) == 200_000)
        #expect(gate.resamples(forChecks: Int.max, alpha: 1e-300) == 200_000)
    }

    @Test func readsAFullGateSection() throws {
        let yaml = """
            version: 1
            gate:
              threshold_percent: 5
              alpha: 0.01
              correction: bh
              rules:
                - ttft_ms.p95
                - metric: e2e_ms.mean
                  threshold_percent: 15%
                  method: welch-log
                  severity: warning
              quality_gates:
                - "ttft_ms.p95 < 800ms"
                - condition: error_rate <= 1%
                  severity: warning
              budgets:
                - metric: e2e_ms.p99
                  budget: 2s
                  allowed_variance_percent: 5
              scenarios:
                chat-long:
                  threshold_percent: 20
                  skip: [itl_ms.p95]
            """
        let gate = try LensConfig(yaml: yaml).gate
        #expect(gate.thresholdPercent == 5)
        #expect(gate.alpha == 0.01)
        #expect(gate.correction == .bh)
        #expect(gate.rules?.count == 2)
        #expect(gate.rules?[0].target == MetricStatistic(.ttftMs, .quantile(0.95)))
        #expect(gate.rules?[0].thresholdPercent == nil)
        #expect(gate.rules?[1].thresholdPercent == 15)
        #expect(gate.rules?[1].method == .welchLog)
        #expect(gate.rules?[1].severity == .warning)
        #expect(
            gate.qualityGates[0]
                == QualityGate(
                    MetricStatistic(.ttftMs, .quantile(0.95)), .less, 800,
                    text: "ttft_ms.p95 < 800ms", position: gate.qualityGates[0].position))
        #expect(gate.qualityGates[1].limit == 0.01)
        #expect(gate.qualityGates[1].comparator == .lessOrEqual)
        #expect(gate.qualityGates[1].severity == .warning)
        #expect(gate.budgets[0].budget == 2000)
        #expect(gate.budgets[0].allowedVariancePercent == 5)
        #expect(gate.scenarioOverrides["chat-long"]?.thresholdPercent == 20)
        #expect(gate.scenarioOverrides["chat-long"]?.skip == [MetricStatistic(.itlMs, .quantile(0.95))])
    }

    @Test func unknownKeyNamesLineColumnAndSuggestion() {
        let error = failure("gate:\n  treshold_percent: 10\n")
        #expect(error?.position == TextPosition(line: 2, column: 3))
        #expect(error?.reason == "unknown key 'treshold_percent' (did you mean 'threshold_percent'?)")
    }

    @Test func syntaxErrorNamesLine() {
        let error = failure("gate:\n  rules: [ttft_ms.p95\n  alpha: 0.1\n")
        #expect(error?.reason.hasPrefix("YAML syntax error") == true)
        #expect((error?.position.line ?? 0) >= 2)
    }

    @Test(arguments: [
        ("gate:\n  alpha: 1.5\n", "must be between 1e-06 and 0.5, found 1.5"),
        ("gate:\n  correction: holmes\n", "did you mean 'holm'?"),
        ("gate:\n  rules: [ttft.p95]\n", "did you mean 'ttft_ms'?"),
        ("gate:\n  rules: [ttft_ms.p955]\n", "unknown statistic"),
        ("gate:\n  rules: [ttft_ms]\n", "needs a statistic"),
        ("gate:\n  rules: [error_rate.p95]\n", "one value per scenario"),
        ("gate:\n  quality_gates: [\"ttft_ms.p95 800\"]\n", "is not a condition"),
        ("gate:\n  quality_gates: [\"ttft_ms.p95 < fast\"]\n", "is not a number"),
        ("gate:\n  rules:\n    - metric: e2e_ms.mean\n      method: fisher\n", "error_rate and goodput only"),
        ("version: 3\n", "unsupported config version 3"),
        ("targetz: {}\n", "did you mean 'targets'?"),
        ("gate: [1, 2]\n", "expected a mapping"),
        ("a: &x [*x]\n", "nested deeper than 64 levels (through aliases)"),
    ])
    func rejectsBadConfig(yaml: String, reason: String) {
        let error = failure(yaml)
        #expect(error != nil, "accepted: \(yaml)")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func billionLaughsIsRefused() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let error = failure(yaml)
        #expect(error?.reason.contains("too large") == true, "\(String(describing: error))")
    }

    @Test func statisticSpellings() {
        #expect(Statistic("p99.9") == .quantile(0.999))
        #expect(Statistic("median") == .quantile(0.5))
        #expect(Statistic("p100") == nil)
        #expect(Statistic.quantile(0.999).description == "p99.9")
        #expect(Statistic.quantile(0.95).description == "p95")
    }

    @Test func suggestionFindsCloseWordsOnly() {
        #expect(Suggestion.closest(to: "treshold_percent", among: ["threshold_percent", "alpha"]) == "threshold_percent")
        #expect(Suggestion.closest(to: "zzz", among: ["threshold_percent", "alpha"]) == nil)
        #expect(Suggestion.editDistance("ab", "ba") == 1)
    }
}
