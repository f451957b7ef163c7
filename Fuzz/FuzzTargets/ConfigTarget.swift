import Bench
import Gate
import LensCore
import Simulator

/// `lens-gate.yaml` as `validate` reads it, then what `run` and the gate compute from an accepted
/// config before the first request: resample counts, request plans (prompts, bodies, headers),
/// arrival times and the embedded simulator's profiles. Whatever `validate` accepts must not trap here.
public enum ConfigTarget {
    /// Synthetic prompts longer than this are not generated (time per trial; their memory is
    /// bounded by `PromptSet.syntheticTokenBudget`, which a unit test checks).
    static let largestGeneratedPrompt = 20_000

    @Sendable public static func run(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let config = try? LensConfig(yaml: text) else { return }
        let alphas = [RunSettings(config: config.gate).decisionAlpha] + (config.gate.rules ?? []).compactMap(\.alpha)
        for checks in [0, 1, 26, 10_000, Int.max] {
            for alpha in alphas { _ = config.gate.resamples(forChecks: checks, alpha: alpha) }
        }
        _ = config.bench.fingerprint
        var bench = config.bench
        // No file is read (a fuzzed path could name /dev/zero) and no prompt is generated beyond the cap.
        bench.workloads = bench.workloads.map { workload in
            var workload = workload
            switch workload.source {
            case .file: workload.source = .fixed("a prompt read from a file")
            case .synthetic(let input, let spread) where input + spread > largestGeneratedPrompt:
                workload.source = .synthetic(inputTokens: 1, inputSpread: 0)
            default: break
            }
            return workload
        }
        let environment = Dictionary(
            uniqueKeysWithValues: bench.targets.flatMap { target in
                (target.apiKey.map { [$0.variable] } ?? []) + target.headers.flatMap(\.value.variables)
            }.map { ($0, "fuzz-credential-value") }.uniqued())
        if let plans = try? Benchmark(config: bench, baseDirectory: "/nonexistent", environment: environment, askGit: false).plan() {
            for plan in plans where plan.scenario.load.mode == .open {
                var arrivals = ArrivalSchedule(load: plan.scenario.load, seed: plan.seed)
                for _ in 0..<64 { _ = arrivals.next() }
            }
        }
        for target in config.bench.targets {
            guard let behaviour = target.simulator else { continue }
            // As EmbeddedSimulators builds the server's configuration (without starting it).
            _ = try? LatencyProfile(
                timeToFirstToken: .milliseconds(median: behaviour.ttftMs, jitter: behaviour.jitter, name: "ttft_ms"),
                interChunk: .milliseconds(median: behaviour.itlMs, jitter: behaviour.jitter, name: "itl_ms"),
                tokensPerChunk: behaviour.tokensPerChunk, outputLength: .fixed(behaviour.tokens))
            _ = try? Slowdown(overall: behaviour.slowdown * 1_000)
        }
    }
}

extension Array where Element == (String, String) {
    /// The pairs with later duplicates of a key dropped.
    func uniqued() -> [(String, String)] {
        var seen: Set<String> = []
        return filter { seen.insert($0.0).inserted }
    }
}
