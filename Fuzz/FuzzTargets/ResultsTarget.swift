import Bench
import Gate
import LensCore

/// A results (or baseline) file as `check` reads it, then everything `check`, `baseline update`
/// and `baseline show` compute from an accepted one: the verdict against a reference run and
/// against itself, every report, the history summary and the run summary table.
public enum ResultsTarget {
    @Sendable public static func run(_ bytes: [UInt8]) {
        guard let node = try? JSONParser.parse(bytes), let results = try? Results(json: node) else { return }
        GatePipeline.requireRoundTrip(ResultsFile.encode(results), what: "results") { bytes in
            _ = try Results(json: try JSONParser.parse(bytes))
        }
        let summary = HistoryEntry(summarizing: results)
        GatePipeline.requireRoundTrip(HistoryFile.encode([summary]), what: "history line") { bytes in
            _ = try HistoryEntry(json: try JSONParser.parse(bytes))
        }
        _ = RunSummary(results: results)
        GatePipeline.judge(results, baseline: GatePipeline.reference)
        GatePipeline.judge(GatePipeline.reference, baseline: results)
        GatePipeline.judge(results, baseline: results, history: [summary, summary, summary])
        GatePipeline.judge(results, baseline: nil)
    }
}
