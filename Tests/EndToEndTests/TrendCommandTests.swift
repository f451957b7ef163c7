import Foundation
import TestSupport
import Testing

@testable import LensCore

/// `lens-gate trend` over a history recorded by `baseline update`: every statistic in the table
/// and in `--json`, and lines of an update whose baseline never landed left out, with a notice.
@Suite struct TrendCommandTests {
    @Test func showsEveryStatisticAndLeavesOrphansOut() throws {
        let directory = Scratch.directory()
        for commit in ["a", "b", "c", "d"] {
            try BaselineCrashTests.results(commit: commit, samples: 500)
                .write(toFile: directory.appendingPathComponent("\(commit).json").path, atomically: true, encoding: .utf8)
            let update = try LensGateBinary.run(
                [
                    "baseline", "update", "--baseline", "baselines/main.json", "--from", "\(commit).json",
                    "--min-requests", "100",
                ], in: directory)
            #expect(update.status == 0, "\(update.stderr)")
        }
        // An update that died after its history line: the baseline it names never landed.
        let historyPath = directory.appendingPathComponent("baselines/history/main.jsonl").path
        let lines = try String(contentsOfFile: historyPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let current = try #require(try BaselineDigest.ofFile(directory.appendingPathComponent("baselines/main.json").path))
        let orphan = try #require(lines.last)
            .replacingOccurrences(of: "\"baseline_digest\":\"\(current.text)\"", with: "\"baseline_digest\":\"fnv1a64:0000000000000000\"")
            .replacingOccurrences(
                of: #""replaced_digest":"[^"]*""#, with: "\"replaced_digest\":\"\(current.text)\"", options: .regularExpression)
        try (lines + [orphan]).joined(separator: "\n").appending("\n").write(toFile: historyPath, atomically: true, encoding: .utf8)

        let trend = try LensGateBinary.run(
            [
                "trend", "--history", "baselines/history/main.jsonl", "--metric", "ttft_ms.p50",
                "--json", "trend.json",
            ], in: directory)
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stderr.contains("main.jsonl: ignored line 5: written by a 'baseline update' whose baseline never landed"))
        let header = try #require(trend.stdout.split(separator: "\n").first)
        for column in ["slope", "τ", "p worse", "OLS slope", "OLS p"] { #expect(header.contains(column)) }
        let json = try JSONParser.parse(
            try #require(FileManager.default.contents(atPath: directory.appendingPathComponent("trend.json").path)).map { $0 })
        let trends = try json.object(at: .root).required("trends").elements(at: .root)
        #expect(trends.count == 1)
        let first = try trends[0].object(at: .root)
        #expect(try first.required("runs").integer(at: .root) == 4)
        #expect(try first.required("mann_kendall").object(at: .root).optional("p_two_sided") != nil)
        #expect(try first.required("ols").object(at: .root).optional("p_two_sided") != nil)
    }
}
