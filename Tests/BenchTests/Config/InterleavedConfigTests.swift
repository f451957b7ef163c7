import LensCore
import Testing

/// The config form of interleaved A/B scenarios: `baseline_target` and `block_size`, their
/// errors with positions, the fingerprint, and the command-line override.
@Suite struct InterleavedConfigTests {
    static let yaml = """
        targets:
          base: {provider: vllm, model: m}
          cand: {provider: vllm, base_url: "http://127.0.0.1:9/v1", model: m}
        workloads:
          w: {prompt: hi}
        scenarios:
          - name: ab
            target: cand
            baseline_target: base
            block_size: 4
            workload: w
          - name: plain
            target: base
            workload: w
        """

    @Test func readsBaselineTargetAndBlockSize() throws {
        let bench = try LensConfig(yaml: Self.yaml).bench
        #expect(bench.scenarios[0].baselineTarget == "base")
        #expect(bench.scenarios[0].target == "cand")
        #expect(bench.scenarios[0].effectiveBlockSize == 4)
        #expect(bench.scenarios[1].baselineTarget == nil)
        #expect(!bench.scenarios[1].isInterleaved)
        #expect(bench.interleavedScenarioNames == ["ab"])
        let defaulted = try LensConfig(yaml: Self.yaml.replacingOccurrences(of: "    block_size: 4\n", with: "")).bench
        #expect(defaulted.scenarios[0].blockSize == nil)
        #expect(defaulted.scenarios[0].effectiveBlockSize == ScenarioConfig.defaultBlockSize)
    }

    @Test func unknownBaselineTargetNamesLineColumnAndSuggests() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "baseline_target: base", with: "baseline_target: bsae")
        let error = try #require(failure(yaml))
        #expect(error.reason.contains("unknown target 'bsae'"))
        #expect(error.reason.contains("did you mean 'base'"))
        #expect(error.path.description == "scenarios[0].baseline_target")
        #expect(error.position.line == 9)
        #expect(error.position.column == 22)
        let rendered = InputError(file: "lens-gate.yaml", error).description
        #expect(rendered.hasPrefix("lens-gate.yaml:9:22: scenarios[0].baseline_target: unknown target 'bsae'"))
    }

    @Test func blockSizeNeedsABaselineAndAPositiveSize() throws {
        let orphan = Self.yaml.replacingOccurrences(of: "    baseline_target: base\n", with: "")
        #expect(failure(orphan)?.reason.contains("add baseline_target") == true)
        let zero = Self.yaml.replacingOccurrences(of: "block_size: 4", with: "block_size: 0")
        #expect(failure(zero)?.path.description == "scenarios[0].block_size")
    }

    @Test func fingerprintIncludesBothTargetsAndBlockSizeOnlyWhenInterleaved() throws {
        let base = try LensConfig(yaml: Self.yaml).bench
        let otherBaseline = try LensConfig(yaml: Self.yaml.replacingOccurrences(of: "baseline_target: base", with: "baseline_target: cand"))
            .bench
        let otherBlock = try LensConfig(yaml: Self.yaml.replacingOccurrences(of: "block_size: 4", with: "block_size: 5")).bench
        #expect(base.fingerprint != otherBaseline.fingerprint)
        #expect(base.fingerprint != otherBlock.fingerprint)
        let lines = base.canonicalText.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("scenario \"ab\" target=\"cand\"") && $0.hasSuffix("baseline_target=\"base\" block_size=4") })
        // An ordinary scenario's line is exactly what it was before interleaving existed, so stored baselines stay comparable.
        #expect(lines.contains { $0.hasPrefix("scenario \"plain\"") && $0.hasSuffix("min_requests=\(AbortPolicy().minRequests)") })
    }

    @Test func commandLineTargetsOverrideAndAreChecked() throws {
        let bench = try LensConfig(yaml: Self.yaml).bench
        let both = try bench.interleaving(baseline: "cand", candidate: "base", blockSize: 3)
        #expect(both.scenarios.allSatisfy { $0.baselineTarget == "cand" && $0.target == "base" && $0.blockSize == 3 })
        #expect(try both.interleavedSelection([], configFile: "c.yaml") == ["ab", "plain"])
        let one = try bench.interleaving(baseline: "cand", candidate: "base", blockSize: nil, only: ["plain"])
        #expect(one.scenarios[0].baselineTarget == "base" && one.scenarios[0].blockSize == 4)
        #expect(one.scenarios[1].baselineTarget == "cand")
        do {
            _ = try bench.interleaving(baseline: "bse", candidate: "cand", blockSize: nil)
            Issue.record("an unknown target was accepted")
        } catch {
            #expect(
                error.description == "--baseline-target: unknown target 'bse' (did you mean 'base'?); targets in the config: base, cand")
        }
        #expect(throws: InputError.self) { try bench.interleavedSelection(["plain"], configFile: "c.yaml") }
        #expect(try bench.interleavedSelection([], configFile: "c.yaml") == ["ab"])
        #expect(throws: InputError.self) { try one.candidateTargets(of: ["ab", "plain"]) }
        #expect(try both.candidateTargets(of: ["ab", "plain"]) == ["base"])
        #expect(try bench.candidateTargets(of: ["ab"]) == ["cand"])
    }
}
