import Foundation
import TestSupport
import Testing

/// `baseline update` with several `--from`: repetitions of one job seed the history in one update;
/// one `--from` records exactly as before; runs of different setups are refused, nothing written.
@Suite(.serialized) struct SeededBaselineTests {
    /// The fast one-scenario config of the gate command's tests.
    static let config = GateCommandTests.config

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func threeRepetitionsSeedTheHistoryAndActivateTheModel() throws {
        let directory = Scratch.directory()
        try Self.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        for index in 1...3 {
            let run = try LensGateBinary.run(["run", "--output", "r\(index).json", "--quiet"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let update = try LensGateBinary.run(
            [
                "baseline", "update", "--baseline", "baselines/main.json", "--from", "r1.json",
                "--from", "r2.json", "--from", "r3.json", "--min-requests", "50", "--max-drift", "1000",
            ], in: directory)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stderr.contains("updated from 3 repetitions (r1.json, r2.json, r3.json)"))
        #expect(update.stderr.contains("3 repetitions of one job recorded; history 3 runs"))
        let historyURL = directory.appendingPathComponent("baselines/history/main.jsonl")
        let seeded = try lines(historyURL)
        #expect(seeded.count == 3)
        for (index, line) in seeded.enumerated() { #expect(line.contains(#""repetition":{"index":\#(index + 1),"of":3}"#)) }
        // The last repetition is the baseline.
        let baseline = try String(contentsOf: directory.appendingPathComponent("baselines/main.json"), encoding: .utf8)
        let third = try String(contentsOf: directory.appendingPathComponent("r3.json"), encoding: .utf8)
        #expect(baseline.contains(String(third.split(separator: "\n").first { $0.contains("started_at") } ?? "none")))

        // The next PR is judged against the seeded history (3 runs meet the default minimum);
        // 50%, as the gate command's unchanged re-run: real sleeps move tails on a loaded machine.
        let gate = try LensGateBinary.run(
            [
                "--baseline", "baselines/main.json", "--threshold", "50", "--quiet",
                "--json", "verdict.json",
            ], in: directory)
        #expect(gate.status == 0, "\(gate.stdout)\n\(gate.stderr)")
        let verdict = try String(contentsOf: directory.appendingPathComponent("verdict.json"), encoding: .utf8)
        #expect(verdict.contains("\"method\": \"history\"") || verdict.contains("\"method\":\"history\""))
        #expect(verdict.contains("holds 3 runs from 1 separate job"))

        // One --from records one line, without a repetition marker, as before.
        let single = try LensGateBinary.run(
            [
                "baseline", "update", "--baseline", "baselines/main.json", "--from", "r1.json",
                "--min-requests", "50", "--max-drift", "1000",
            ], in: directory)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(single.stderr.contains("updated from r1.json (1 scenarios; history 4 runs"))
        let after = try lines(historyURL)
        #expect(after.count == 4)
        #expect(after.last?.contains("repetition") == false)
    }

    @Test func runsOfDifferentSetupsAreNotRepetitions() throws {
        let directory = Scratch.directory()
        try Self.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let first = try LensGateBinary.run(["run", "--output", "a.json", "--quiet"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let changed = Self.config.replacingOccurrences(of: "requests: 80", with: "requests: 60")
        try changed.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let second = try LensGateBinary.run(["run", "--output", "b.json", "--quiet"], in: directory)
        #expect(second.status == 0, "\(second.stderr)")
        let update = try LensGateBinary.run(
            [
                "baseline", "update", "--baseline", "baselines/main.json", "--from", "a.json",
                "--from", "b.json", "--min-requests", "50", "--max-drift", "1000",
            ], in: directory)
        #expect(update.status == 2, "\(update.stderr)")
        #expect(update.stderr.contains("a.json: not a repetition of the same job as b.json (scenario "), "\(update.stderr)")
        #expect(update.stderr.contains(": load.requests: "), "\(update.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("baselines/main.json").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("baselines/history/main.jsonl").path))
    }
}
