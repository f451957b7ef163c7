import LensCore
import Testing

/// The `slo:` key: top level and per scenario, units, ranges, typo hints, and its place in the
/// config fingerprint (goodput under another SLO is another benchmark).
@Suite struct SLOConfigTests {
    static func config(slo topLevel: String? = nil, scenario: String? = nil) -> String {
        """
        \(topLevel.map { "slo: \($0)\n" } ?? "")targets:
          sim: {provider: simulator, model: m}
        workloads:
          w: {prompt: hi, max_tokens: 8}
        scenarios:
          - name: a
            target: sim
            workload: w
        \(scenario.map { "    slo: \($0)\n" } ?? "")  - name: b
            target: sim
            workload: w
        """
    }

    @Test func topLevelSLOAppliesToEveryScenarioAndAScenarioOverridesItsKeys() throws {
        let bench = try LensConfig(yaml: Self.config(slo: "{ttft_ms: 500, tpot_ms: 50ms, e2e_ms: 5s}", scenario: "{ttft_ms: 0.2s}"))
            .bench
        #expect(bench.slo == ServiceLevelObjective(ttftMs: 500, tpotMs: 50, e2eMs: 5000))
        #expect(bench.scenarios[0].slo == ServiceLevelObjective(ttftMs: 200, tpotMs: 50, e2eMs: 5000))
        #expect(bench.scenarios[1].slo == ServiceLevelObjective(ttftMs: 500, tpotMs: 50, e2eMs: 5000))
    }

    @Test func anySubsetAndAScenarioOnlySLOAreAllowed() throws {
        let bench = try LensConfig(yaml: Self.config(scenario: "{e2e_ms: 2500}")).bench
        #expect(bench.slo == nil)
        #expect(bench.scenarios[0].slo == ServiceLevelObjective(e2eMs: 2500))
        #expect(bench.scenarios[1].slo == nil)
    }

    @Test(arguments: [
        (SLOConfigTests.config(slo: "{ttft: 500}"), "slo", "unknown key 'ttft' (did you mean 'ttft_ms'?)"),
        (SLOConfigTests.config(slo: "{ttft_ms: 0}"), "slo.ttft_ms", "greater than 0 and at most 86400000"),
        (SLOConfigTests.config(slo: "{ttft_ms: 2d}"), "slo.ttft_ms", "expected a latency limit"),
        (SLOConfigTests.config(slo: "{e2e_ms: 25h}"), "slo.e2e_ms", "at most 86400000"),
        (SLOConfigTests.config(slo: "{}"), "slo", "at least one limit"),
        (SLOConfigTests.config(slo: "500"), "slo", "expected a mapping"),
        (SLOConfigTests.config(scenario: "{tpot_ms: -1}"), "scenarios[0].slo.tpot_ms", "greater than 0"),
        (SLOConfigTests.config(scenario: "{e2el: 1}"), "scenarios[0].slo", "valid keys: ttft_ms, tpot_ms, e2e_ms"),
    ])
    func refusesBadSLOsNamingTheField(yaml: String, path: String, reason: String) {
        let error = failure(yaml)
        #expect(error?.path.description == path, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func theSLOIsPartOfTheFingerprintOnlyWhenSet() throws {
        let none = try LensConfig(yaml: Self.config()).bench
        let some = try LensConfig(yaml: Self.config(slo: "{ttft_ms: 500}")).bench
        let same = try LensConfig(yaml: Self.config(slo: "{ttft_ms: 0.5s}")).bench
        let other = try LensConfig(yaml: Self.config(slo: "{ttft_ms: 400}")).bench
        #expect(!none.canonicalText.contains("slo"))
        #expect(some.canonicalText.contains(" slo=ttft_ms=500\n"))
        #expect(none.fingerprint != some.fingerprint)
        #expect(some.fingerprint == same.fingerprint)
        #expect(some.fingerprint != other.fingerprint)
        #expect(some.fingerprintFields.scenarios["a"]?["slo.ttft_ms"] == "500")
        #expect(none.fingerprintFields.scenarios["a"]?["slo.ttft_ms"] == nil)
        let differences = other.fingerprintFields.differences(from: some.fingerprintFields)
        #expect(differences.map(\.description).contains("scenario a: slo.ttft_ms: 500 → 400"))
    }
}
