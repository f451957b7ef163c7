import Foundation
import TestSupport
import Testing

@testable import LensCore

/// The documented JSON Schema and the Swift reader agree on the shipped files and on the
/// minimal form (validated with Python's `jsonschema`, a test-only tool).
@Suite struct ResultsSchemaTests {
    static let root = Repository.root

    func validate(_ document: String) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))
            for error in errors: print(error.json_path, error.message)
            sys.exit(1 if errors else 0)
            """
        let outcome = try ExternalTool.run(
            "python3", ["-c", script, Self.root.appendingPathComponent("docs/schema/results.schema.json").path], stdin: document)
        return (outcome.status, outcome.all)
    }

    @Test(arguments: ["baselines/main.json", "examples/baseline.json", "examples/results-ok.json", "examples/results-regressed.json"])
    func shippedFilesMatchTheSchema(path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        let outcome = try validate(text)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(throws: Never.self) { try Results(json: JSONParser.parse(text)) }
    }

    /// Shard files and merged files (with their shard metadata and windows) match the schema.
    @Test func shardAndMergedFilesMatchTheSchema() throws {
        let shards = try [ShardMergeTests.shard(1, of: 3), ShardMergeTests.shard(3, of: 3)]
        let merged = try ShardMerge.merge(ShardMergeTests.inputs(shards), allowPartial: true)
        for document in shards + [merged] {
            let outcome = try validate(String(decoding: ResultsFile.encode(document), as: UTF8.self))
            #expect(outcome.status == 0, "\(outcome.output)")
        }
    }

    /// A scenario's goodput (good count and SLO) matches the schema, and the schema refuses an empty SLO.
    @Test func goodputMatchesTheSchema() throws {
        var scenario = GoodputTests.scenario(good: 3, of: 5)
        scenario.name = "chat"
        let document = String(decoding: ResultsFile.encode(Results(scenarios: [scenario])), as: UTF8.self)
        #expect(document.contains("\"goodput\""))
        #expect(try validate(document).status == 0)
        // The same file with an empty SLO, which the reader refuses too.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        var scenarios = try #require(object["scenarios"] as? [[String: Any]])
        scenarios[0]["goodput"] = ["good": 3, "slo": [String: Any]()]
        object["scenarios"] = scenarios
        let empty = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(try validate(empty).status != 0)
    }

    /// Every error class and token source the code writes is in the schema, and nothing else.
    @Test func schemaEnumsMatchTheCode() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("docs/schema/results.schema.json"))
        let text = String(decoding: data, as: UTF8.self)
        func enumeration(after marker: String) throws -> [String] {
            let start = try #require(text.range(of: marker))
            let list = try #require(text[start.upperBound...].range(of: "\"enum\": ["))
            let end = try #require(text[list.upperBound...].firstIndex(of: "]"))
            return text[list.upperBound..<end].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        #expect(try enumeration(after: "\"errors\": {") == RequestErrorClass.allCases.map(\.rawValue))
        #expect(try enumeration(after: "\"token_source\": {") == TokenSource.allCases.map(\.rawValue))
    }

    @Test func writtenResultsMatchTheSchema() throws {
        let results = Results(
            run: RunMetadata(
                startedAt: "2026-11-23T00:00:00Z", toolVersion: LensVersion.current,
                git: GitInfo(commit: "abc"), host: HostInfo(cpuCount: 2)),
            scenarios: [
                ScenarioResult(
                    name: "s", samples: MetricSamples([.ttftMs: [1.5, 2]]),
                    counts: RequestCounts(requests: 3, succeeded: 2, failed: 1, errors: [.timeout: 1]),
                    totals: ScenarioTotals(durationSeconds: 1, outputTokens: 10),
                    tokenSource: .server)
            ])
        let outcome = try validate(JSONWriter().string(results.json))
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func interleavedResultsMatchTheSchema() throws {
        func side(_ name: String, _ role: InterleavedSide.Role) -> ScenarioResult {
            var scenario = ScenarioResult(name: name, samples: MetricSamples([.ttftMs: [1.5, 2, 2.5], .itlMs: [0.5, 0.7]]))
            scenario.interleaved = InterleavedSide(role: role, pair: "chat", blockSize: 2)
            scenario.sampleBlocks = SampleLabels([.ttftMs: [0, 0, 1], .itlMs: [0, 1]])
            return scenario
        }
        let results = Results(scenarios: [side("chat", .candidate), side(InterleavedSide.baselineName(of: "chat"), .baseline)])
        let text = JSONWriter().string(results.json)
        let outcome = try validate(text)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(try Results(json: JSONParser.parse(text)).interleavedSides() != nil)
        let badRole = text.replacingOccurrences(of: "\"baseline\"", with: "\"reference\"")
        #expect(try validate(badRole).status == 1)
        let negative = text.replacingOccurrences(of: "[0,0,1]", with: "[0,-1,1]")
        #expect(negative != text)
        #expect(try validate(negative).status == 1)
    }

    @Test func minimalFormMatchesAndBadFormsDoNot() throws {
        #expect(try validate(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1]}}]}"#).status == 0)
        #expect(try validate(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [-1]}}]}"#).status == 1)
        // A name that could be declared passes the schema (only the reader knows what was declared);
        // one that could not is refused.
        #expect(try validate(#"{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"TTFT": [1]}}]}"#).status == 1)
        #expect(try validate(#"{"schema_version": 2, "scenarios": [{"name": "s", "samples": {}}]}"#).status == 1)
    }
}

extension ResultsSchemaTests {
    /// A file that declares metrics of its own, as lens-gate writes it, matches the schema; one
    /// that declares a badly spelt name does not.
    @Test func declaredMetricsMatchTheSchema() throws {
        let results = try Results(json: JSONParser.parse(CustomMetricTests.declared))
        let written = String(decoding: ResultsFile.encode(results), as: UTF8.self)
        let outcome = try validate(written)
        #expect(outcome.status == 0, "\(outcome.output)")
        let misspelt = written.replacingOccurrences(of: "\"cache_hit_ratio\"", with: "\"Cache-Hit\"")
        #expect(try validate(misspelt).status == 1)
    }
}
