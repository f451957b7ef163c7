import Gate
import LensCore
import Stats

/// The gate as `check` runs it, on fixed or fuzzed runs: evaluate, then render every report.
enum GatePipeline {
    /// A small, valid run: the other side of every comparison with a fuzzed file.
    static let reference: Results = run(seed: 7, scale: 1)

    /// A config that keeps each evaluation fast (few resamples) while reaching every kind of check.
    static let config: GateConfig = {
        var config = GateConfig()
        config.alpha = 0.5
        config.bootstrapResamples = 100
        config.qualityGates = [(try? QualityGate(parsing: "ttft_ms.p95 < 800ms")), (try? QualityGate(parsing: "error_rate <= 5%"))]
            .compactMap { $0 }
        config.trends = [TrendRule(MetricStatistic(.ttftMs, .quantile(0.5)), maxSlopePercent: 1)]
        config.noiseModel = .auto
        config.minimumHistory = 3
        return config
    }()

    static func run(seed: UInt64, scale: Double) -> Results {
        var random = SeededGenerator(seed: seed)
        func sample(_ median: Double) -> [Double] {
            (0..<40).map { _ in (median * scale * Double.exp(0.2 * RandomVariates.standardNormal(using: &random)) * 1000).rounded() / 1000 }
        }
        var samples = MetricSamples()
        samples[.ttftMs] = sample(120)
        samples[.e2eMs] = sample(900)
        samples[.itlMs] = sample(12)
        samples[.tpotMs] = sample(13)
        samples[.outputTokensPerSecond] = sample(70)
        var scenario = ScenarioResult(
            name: "chat", samples: samples,
            counts: RequestCounts(requests: 41, succeeded: 40, failed: 1, errors: [.timeout: 1]),
            totals: ScenarioTotals(
                durationSeconds: 30, inputTokens: 4_000, outputTokens: 2_560,
                costUSD: 0.01))
        // Four gaps per request, so a fuzzed file with request labels reaches the clustered path.
        scenario.sampleRequests = SampleLabels([.itlMs: (0..<40).map { $0 / 4 }])
        return Results(scenarios: [scenario])
    }

    /// Evaluates and renders every report; a trap anywhere is a finding.
    static func judge(_ current: Results, baseline: Results?, history: [HistoryEntry] = []) {
        let verdict = evaluate(current, baseline: baseline, config: config, history: history)
        _ = MarkdownSummary().render(verdict)
        _ = try? JUnitReport(verdict, results: current).xml()
        _ = JSONWriter().bytes(verdict.json)
        _ = OpenMetricsReport(verdict).text
    }

    /// A property of every accepted file: what lens-gate writes from it, lens-gate reads back.
    static func requireRoundTrip(_ bytes: [UInt8], what: String, read: ([UInt8]) throws -> Void) {
        do {
            try read(bytes)
        } catch {
            fatalError("lens-gate cannot read the \(what) it wrote: \(error)\n\(String(decoding: bytes.prefix(2_000), as: UTF8.self))")
        }
    }
}
