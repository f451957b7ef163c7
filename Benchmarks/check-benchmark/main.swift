import Foundation
import Gate
import LensCore
import Stats

/// Times `lens-gate check` on 1,000,000 samples per side for three metrics (target ≤ 1 s in
/// release on the reference 2-core machine) and writes the data for the scipy comparison. The
/// million ITL gaps come from 20,000 requests of 50 gaps (`sample_requests`), so the gate tests
/// per-request means and resamples requests, as it does for a real run.
///
/// Usage: check-benchmark DIRECTORY   (writes baseline.json and current.json there, then times
/// parsing, evaluation and reports in-process; scripts/benchmark.sh times the binary and scipy).

let directory = CommandLine.arguments.dropFirst().first ?? FileManager.default.temporaryDirectory.path
let samplesPerSide = 1_000_000
let gapsPerRequest = 50
let metrics: [(Metric, Double)] = [(.ttftMs, 120), (.e2eMs, 950), (.itlMs, 12)]

func scenario(seed: UInt64, slowdown: Double) -> ScenarioResult {
    var generator = SeededGenerator(seed: seed)
    var samples = MetricSamples()
    for (metric, median) in metrics {
        samples[metric] = (0..<samplesPerSide).map { _ in
            // Log-normal with σ = 0.3, rounded to microseconds as the runner writes them.
            (median * slowdown * Double.exp(0.3 * RandomVariates.standardNormal(using: &generator)) * 1000).rounded() / 1000
        }
    }
    var result = ScenarioResult(
        name: "chat", samples: samples,
        counts: RequestCounts(requests: samplesPerSide, succeeded: samplesPerSide, failed: 0),
        totals: ScenarioTotals(durationSeconds: 600, outputTokens: samplesPerSide * 64))
    result.sampleRequests = SampleLabels([.itlMs: (0..<samplesPerSide).map { $0 / gapsPerRequest }])
    return result
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
} catch {
    print("check-benchmark: cannot create \(directory): \(error)")
    exit(1)
}
let baselinePath = directory + "/baseline.json"
let currentPath = directory + "/current.json"
if !FileManager.default.fileExists(atPath: baselinePath) || !FileManager.default.fileExists(atPath: currentPath) {
    let writeTime = try seconds {
        try OutputFile.write(ResultsFile.encode(Results(scenarios: [scenario(seed: 1, slowdown: 1)])), to: baselinePath, role: "baseline")
        try OutputFile.write(ResultsFile.encode(Results(scenarios: [scenario(seed: 2, slowdown: 1.02)])), to: currentPath, role: "results")
    }
    print(String(format: "generated 2 × 3 × %d samples in %.2f s", samplesPerSide, writeTime))
}

var best = (parse: Double.infinity, evaluate: Double.infinity, reports: Double.infinity, total: Double.infinity)
for _ in 0..<3 {
    var baseline: Results?
    var current: Results?
    let parse = try seconds {
        // As `lens-gate check` does: both files at once.
        let both = try ResultsFile.load([(currentPath, "results"), (baselinePath, "baseline")])
        current = both[0]
        baseline = both[1]
    }
    var verdict: Verdict?
    let evaluation = seconds {
        verdict = evaluate(current!, baseline: baseline!, config: GateConfig())
    }
    let reports = try seconds {
        _ = MarkdownSummary().render(verdict!)
        _ = try JUnitReport(verdict!, results: current).xml()
        _ = JSONWriter().bytes(verdict!.json)
    }
    best = (
        min(best.parse, parse), min(best.evaluate, evaluation), min(best.reports, reports),
        min(best.total, parse + evaluation + reports)
    )
}
print(
    String(
        format: "check in-process (best of 3): parse %.3f s, evaluate %.3f s, reports %.3f s, total %.3f s (target ≤ 1 s)",
        best.parse, best.evaluate, best.reports, best.total))
