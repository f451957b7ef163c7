import Foundation
import LensCore
import TestSupport
import Testing

/// `lens-gate ab` through the binary, against two embedded simulator targets: an identical
/// candidate passes, a candidate slowed with --slowdown fails, `check` re-judges the file alone,
/// and bad targets are usage errors that name the place.
@Suite(.serialized) struct ABCommandTests {
    /// Two embedded simulators that behave alike (different seeds); the scenario names no baseline target.
    static let config = """
        targets:
          base:
            provider: simulator
            model: sim-test
            simulator: {ttft_ms: 40, itl_ms: 5, jitter: 0.15, tokens: 8, seed: 3}
          cand:
            provider: simulator
            model: sim-test
            simulator: {ttft_ms: 40, itl_ms: 5, jitter: 0.15, tokens: 8, seed: 4}
        workloads:
          chat: {synthetic: {input_tokens: 32, output_tokens: 8}, max_tokens: 8}
        scenarios:
          - name: chat
            target: cand
            workload: chat
            load: {concurrency: 4, requests: 80, warmup: 2}
        """

    func workspace(_ text: String = ABCommandTests.config) throws -> URL {
        let directory = Scratch.directory()
        try text.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func results(_ directory: URL, _ name: String) throws -> Results {
        try Results(json: JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
    }

    @Test func identicalCandidatePassesAndSlowedCandidateFails() throws {
        let directory = try workspace()
        let same = try LensGateBinary.run(
            [
                "ab", "--baseline-target", "base", "--candidate-target", "cand", "--threshold", "10",
                "--quiet", "--json", "same.json",
            ], in: directory)
        #expect(same.status == 0, "\(same.stdout)\n\(same.stderr)")
        #expect(same.stdout.contains("interleaved A/B"))
        // The gate ranks within the blocks the runner wrote (van Elteren).
        #expect(same.stdout.contains("(mann-whitney-blocked)"))
        #expect(same.stdout.contains("randomized blocks"))
        let written = try results(directory, "ab-results.json")
        #expect(written.scenarios.map(\.name) == ["chat", "chat@baseline"])
        #expect(written.scenarios.map(\.target) == ["cand", "base"])
        #expect(written.scenarios.allSatisfy { $0.sampleBlocks?[.ttftMs]?.count == $0.samples[.ttftMs]?.count })
        let sides = try #require(try written.interleavedSides())
        #expect(sides.candidate.scenarios.first?.counts?.requests ?? 0 >= 80)

        let slow = try LensGateBinary.run(
            [
                "ab", "--baseline-target", "base", "--candidate-target", "cand", "--threshold", "10",
                "--slowdown", "2", "--quiet", "--output", "slow.json", "--junit", "junit.xml",
            ], in: directory)
        #expect(slow.status == 1, "\(slow.stdout)\n\(slow.stderr)")
        #expect(slow.stdout.contains("ttft_ms.p50"))
        // Inside lens-gate ab, no advice to compare interleaved: this run is interleaved.
        for output in [same.stdout, slow.stdout] {
            #expect(
                !output.contains("(lens-gate ab)") && !output.contains("compare interleaved") && !output.contains("interleaved A/B to tell")
            )
        }
        let junit = try String(contentsOf: directory.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        // Only the candidate was slowed: the baseline side kept its speed.
        let slowed = try results(directory, "slow.json")
        let ttft = slowed.scenarios.map { scenario in
            (scenario.samples[.ttftMs] ?? []).sorted()[(scenario.samples[.ttftMs]?.count ?? 0) / 2]
        }
        #expect(ttft[0] > 1.5 * ttft[1], "candidate \(ttft[0]) ms, baseline \(ttft[1]) ms")
        #expect(ttft[1] < 60)

        // check re-judges an A/B file without a baseline: the file holds both sides.
        let recheckSlow = try LensGateBinary.run(["check", "slow.json", "--threshold", "10"], in: directory)
        #expect(recheckSlow.status == 1, "\(recheckSlow.stdout)\n\(recheckSlow.stderr)")
        let recheckSame = try LensGateBinary.run(
            ["check", "ab-results.json", "--threshold", "10", "--json", "verdict.json"], in: directory)
        #expect(recheckSame.status == 0, "\(recheckSame.stdout)\n\(recheckSame.stderr)")
        #expect(recheckSame.stdout.contains("within-run noise model"))
        // Against a stored baseline without in-job sides, the candidate side is what is compared.
        let stored = Results(scenarios: [ScenarioResult(name: "chat", samples: written.scenarios[1].samples)])
        try Data(ResultsFile.encode(stored)).write(to: directory.appendingPathComponent("stored.json"))
        let againstStored = try LensGateBinary.run(
            ["check", "ab-results.json", "--baseline", "stored.json", "--threshold", "10"],
            in: directory)
        #expect(againstStored.status == 0, "\(againstStored.stdout)\n\(againstStored.stderr)")
        #expect(againstStored.stdout.contains("the candidate side of each pair is compared"))
        #expect(!againstStored.stdout.contains("chat@baseline"))
        #expect(againstStored.stdout.contains("ttft_ms.p50"))
        // An ordinary results file without --baseline still means "no baseline" (exit 4).
        let plain = try LensGateBinary.run(["check", LensGateBinary.fixture("unchanged.json")], in: directory)
        #expect(plain.status == 4, "\(plain.stderr)")
    }

    @Test func configFormRunsTheScenariosThatNameABaseline() throws {
        let interleaved = Self.config.replacingOccurrences(
            of: "    target: cand\n", with: "    target: cand\n    baseline_target: base\n    block_size: 5\n")
        let directory = try workspace(interleaved + "\n  - {name: plain, target: base, workload: chat, load: {requests: 5}}\n")
        let run = try LensGateBinary.run(["ab", "--threshold", "10", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let written = try results(directory, "ab-results.json")
        #expect(written.scenarios.map(\.name) == ["chat", "chat@baseline"])
        #expect(written.scenarios.allSatisfy { $0.interleaved?.blockSize == 5 })
        // Naming a scenario that has no baseline target is a usage error with its place.
        let plain = try LensGateBinary.run(["ab", "--scenario", "plain", "--quiet"], in: directory)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("lens-gate.yaml:"))
        #expect(plain.stderr.contains("scenario 'plain' has no baseline target"))
    }

    @Test func usageAndConfigErrorsExitTwo() throws {
        let directory = try workspace()
        let noneInterleaved = try LensGateBinary.run(["ab", "--quiet"], in: directory)
        #expect(noneInterleaved.status == 2)
        #expect(noneInterleaved.stderr.contains("no scenario is interleaved"))

        let unknown = try LensGateBinary.run(["ab", "--baseline-target", "bsae", "--candidate-target", "cand"], in: directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--baseline-target: unknown target 'bsae' (did you mean 'base'?)"))

        let half = try LensGateBinary.run(["ab", "--baseline-target", "base"], in: directory)
        #expect(half.status == 2)
        #expect(half.stderr.contains("--baseline-target and --candidate-target go together"))

        let sameSlowed = try LensGateBinary.run(
            ["ab", "--baseline-target", "base", "--candidate-target", "base", "--slowdown", "2"],
            in: directory)
        #expect(sameSlowed.status == 2)
        #expect(sameSlowed.stderr.contains("is a baseline too"))

        // A misspelled baseline_target in the config: file:line:column, field, suggestion.
        let misspelled = Self.config.replacingOccurrences(of: "    target: cand\n", with: "    target: cand\n    baseline_target: bsae\n")
        let bad = try workspace(misspelled)
        let invalid = try LensGateBinary.run(["ab", "--quiet"], in: bad)
        #expect(invalid.status == 2)
        #expect(
            invalid.stderr.contains("lens-gate.yaml:15:22: scenarios[0].baseline_target: unknown target 'bsae' (did you mean 'base'?)"),
            "\(invalid.stderr)")
        let validate = try LensGateBinary.run(["validate"], in: bad)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("lens-gate.yaml:15:22"))
    }
}
