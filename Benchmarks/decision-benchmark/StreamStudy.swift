import DecisionSimulation
import Gate
import LensCore
import Stats

/// The clustered-streams study: A/A and decode-slowdown pull requests on streamed runs whose
/// requests each decode at their own speed, judged by the gate's default rules through
/// `GateDecision` with the default settings (stored baseline, no history, so a shift of nearly
/// every check would be inconclusive; confirmation included). It prints, per request
/// spread and tokens per chunk, the false-alarm rate of each ITL check and of the PR, and the
/// power to fail the PR (and to flag an ITL check) at a 30% decode slowdown.
enum StreamStudy {
    /// Runs the study with `trials` pull requests per cell and `requests` requests per run.
    static func run(trials: Int, requests: Int) {
        say("\n== clustered streams: \(requests) requests × 30 chunks per run, default rules, stored baseline, no history ==")
        say("request spread = σ of the log of each request's decode speed; jitter 5% per gap; 30% = every request's time per token × 1.3")
        say(pad("streams", 34) + "  FA itl.p50  FA itl.p95  FA/metric  FA/PR   power@30% (PR)  itl flagged@30%")
        for spread in [0.0, 0.15, 0.35, 0.6] {
            for tokensPerChunk in [1, 4] {
                let factory = StreamFactory(requests: requests, chunks: 30, requestSpread: spread, tokensPerChunk: tokensPerChunk)
                let same = parallel(trials) { trial(factory, seed: UInt64(40_000_000 + $0), slowdown: 1) }
                let slower = parallel(trials) { trial(factory, seed: UInt64(50_000_000 + $0), slowdown: 1.3) }
                let checks = same.reduce(0) { $0 + $1.checks }
                let falseChecks = same.reduce(0) { $0 + $1.flagged.count }
                var line = pad("σ=\(spread), 1–\(tokensPerChunk) tokens/chunk", 34)
                line += "  " + pad(percent(same.filter { $0.flagged.contains("itl_ms.p50") }.count, trials), 10)
                line += "  " + pad(percent(same.filter { $0.flagged.contains("itl_ms.p95") }.count, trials), 10)
                line += "  " + pad(percent(falseChecks, checks), 9)
                line += "  " + pad(percent(same.filter(\.failed).count, trials), 6)
                line += "  " + pad(percent(slower.filter(\.failed).count, trials), 14)
                line += "  " + percent(slower.filter { $0.flagged.contains { $0.hasPrefix("itl_ms") } }.count, trials)
                say(line)
            }
        }
        say("targets                             ≤ 1.0%      ≤ 1.0%      ≤ 1.0%     ≤ 2.0%  ≥ 80.0%")
    }

    /// One pull request: a baseline run and a current run (slowed down or not), with reruns drawn
    /// from the current run's distribution when confirmation asks for them.
    static func trial(_ factory: StreamFactory, seed: UInt64, slowdown: Double) -> (flagged: Set<String>, checks: Int, failed: Bool) {
        var generator = SeededGenerator(seed: seed)
        let baseline = factory.run(using: &generator)
        let current = factory.run(decodeSlowdown: slowdown, using: &generator)
        var rerunGenerator = SeededGenerator(seed: seed &+ 0x5EED)
        let config = GateConfig()
        let verdict = decided { () throws(FieldError) in
            try GateTrial(config: config).verdictStored(current: current, baseline: baseline, history: []) { _ in
                factory.run(decodeSlowdown: slowdown, using: &rerunGenerator)
            }
        }
        let comparisons = verdict.checks.filter { $0.kind == .comparison }
        let flagged = Set(comparisons.filter(\.failsGate).map { $0.target.description })
        return (flagged, comparisons.count, !verdict.passed)
    }
}
