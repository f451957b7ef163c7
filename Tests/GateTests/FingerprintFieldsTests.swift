import Gate
import LensCore
import TestSupport
import Testing

/// The fingerprint compares what is measured (model, protocol, workload, load) and not where the
/// endpoint lives (host, port, scheme, headers, keys); old baselines fall back to their digest.
@Suite struct FingerprintFieldsTests {
    static func config(url: String = "http://10.0.0.5:8000/v1", concurrency: Int = 8, model: String = "m", extra: String = "")
        throws -> BenchConfig
    {
        try LensConfig(
            yaml: """
                targets:
                  t:
                    provider: vllm
                    model: \(model)
                    base_url: \(url)
                \(extra)
                workloads:
                  w: {synthetic: {input_tokens: 64}, max_tokens: 32}
                scenarios:
                  - {name: s, target: t, workload: w, load: {concurrency: \(concurrency), requests: 50}}
                  - {name: other, target: t, workload: w}
                """
        ).bench
    }

    func fingerprint(_ bench: BenchConfig, fields: Bool = true) -> BaselineFingerprint {
        BaselineFingerprint(configDigest: bench.fingerprint, configFields: fields ? bench.fingerprintFields : nil)
    }

    @Test func movingTheEndpointOrChangingHeadersIsTheSameSetup() throws {
        let base = fingerprint(try Self.config())
        let moved = fingerprint(
            try Self.config(
                url: "https://127.0.0.1:41234", extra: "    headers: {X-Run: ci, Authorization: \"Bearer ${TOKEN}\"}\n    api_key: ${KEY}"))
        #expect(moved.mismatches(against: base).isEmpty)
        // The digest, kept for old baselines, still sees the URL.
        #expect(moved.configDigest != base.configDigest)
    }

    @Test func aChangedLoadOrModelIsListedFieldByField() throws {
        let base = fingerprint(try Self.config())
        let changed = fingerprint(try Self.config(concurrency: 16, model: "m2"))
        let listed = changed.mismatches(against: base).map(\.description)
        #expect(listed.contains("scenario s: load.concurrency: 8 → 16"), "\(listed)")
        #expect(listed.contains("scenario s: target.model: m → m2"), "\(listed)")
        #expect(listed.contains("scenario other: target.model: m → m2"), "\(listed)")
        #expect(!listed.contains { $0.contains("other: load.concurrency") })
    }

    @Test func aScenarioAddedToTheConfigDoesNotInvalidateTheOthers() throws {
        var base = try Self.config().fingerprintFields
        base.scenarios["other"] = nil
        #expect(try Self.config().fingerprintFields.differences(from: base).isEmpty)
    }

    @Test func aBaselineWithOnlyADigestIsComparedByDigestWithAClearMessage() throws {
        let old = fingerprint(try Self.config(), fields: false)
        #expect(fingerprint(try Self.config()).mismatches(against: old).isEmpty)
        let listed = fingerprint(try Self.config(concurrency: 16)).mismatches(against: old).map(\.description)
        #expect(listed.count == 1)
        #expect(listed.first?.contains("the baseline records only a digest") == true, "\(listed)")
    }

    @Test func fieldsTravelThroughTheResultsFile() throws {
        let fields = try Self.config().fingerprintFields
        let results = Results(
            run: RunMetadata(configFingerprint: "fnv1a64:1", configFields: fields), scenarios: [Samples.scenario("s", seed: 1)])
        let decoded = try Results(json: try JSONParser.parse(ResultsFile.encode(results)))
        #expect(decoded.run.configFields == fields)
        #expect(decoded.run.configFields?.scenarios["s"]?["load.concurrency"] == "8")
        #expect(decoded.run.configFields?.scenarios["s"]?["target.path"] == "/v1/chat/completions")
    }
}
