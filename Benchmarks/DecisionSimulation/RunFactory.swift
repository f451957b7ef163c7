import Gate
import LensCore
import Stats

/// Makes synthetic runs for decision-quality studies: scenarios with latency samples, a
/// job-level speed factor shared by all scenarios of a job, and injected regressions.
public struct RunFactory: Sendable {
    /// The latency distribution.
    public var shape: LatencyShape
    /// Requests per scenario per run.
    public var requests: Int
    /// Scenarios per run (each judged on TTFT, so one check per scenario with `rules: [ttft_ms.p50]`).
    public var scenarios: Int
    /// Standard deviation of the log of a job's speed factor (0.05: each job about 5% faster or slower).
    public var jobNoise: Double

    /// Creates a factory.
    public init(shape: LatencyShape, requests: Int, scenarios: Int, jobNoise: Double) {
        self.shape = shape
        self.requests = requests
        self.scenarios = scenarios
        self.jobNoise = jobNoise
    }

    /// The median TTFT of scenario `index` (spread over 80–400 ms so scenarios differ).
    func median(_ index: Int) -> Double { 80 + Double(index % 17) * 20 }

    /// A job's speed factor.
    public func jobFactor(using generator: inout SeededGenerator) -> Double {
        Double.exp(jobNoise * RandomVariates.standardNormal(using: &generator))
    }

    /// One run: every scenario's TTFT samples scaled by the job factor; `regression` multiplies
    /// the scenarios listed in `regressed` (a localized regression) or all when nil.
    public func run(
        job: Double, regression: Double = 1, regressed: Set<Int>? = [0],
        using generator: inout SeededGenerator
    ) -> Results {
        let scenarioResults = (0..<scenarios).map { index in
            let factor = job * ((regressed?.contains(index) ?? true) ? regression : 1)
            let samples = samples(scenario: index, factor: factor, count: requests, using: &generator)
            return ScenarioResult(
                name: "s\(index)", target: "t", workload: "w", samples: MetricSamples([.ttftMs: samples]),
                counts: RequestCounts(requests: requests, succeeded: requests, failed: 0),
                totals: ScenarioTotals(durationSeconds: Double(requests) / 10))
        }
        return Results(
            run: RunMetadata(toolVersion: LensVersion.current, configFingerprint: "fnv1a64:study"),
            scenarios: scenarioResults)
    }

    /// TTFT samples of one scenario, rounded to microseconds as the runner writes them.
    public func samples(scenario index: Int, factor: Double, count: Int, using generator: inout SeededGenerator) -> [Double] {
        let scale = median(index) * factor
        return (0..<count).map { _ in (scale * shape.draw(using: &generator) * 1000).rounded() / 1000 }
    }

    /// History entries of `runs` earlier baseline jobs, oldest first, plus the newest as the stored baseline.
    public func history(runs: Int, using generator: inout SeededGenerator) -> (entries: [HistoryEntry], baseline: Results) {
        var entries: [HistoryEntry] = []
        var last = run(job: 1, using: &generator)
        for _ in 0..<runs {
            last = run(job: jobFactor(using: &generator), using: &generator)
            entries.append(HistoryEntry(summarizing: last))
        }
        return (entries, last)
    }
}
