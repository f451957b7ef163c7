import LensCore

/// Builds a lens-gate scenario from another tool's requests, applying lens-gate's own metric
/// definitions wherever the tool's raw figures allow.
struct ImportedScenario {
    /// The scenario's name in lens-gate's results.
    var name: String
    /// The model the tool benchmarked, when it says.
    var model: String?
    /// Every counted request, successful or not, warmup excluded.
    var requests: [ImportedRequest] = []
    /// The measured window in seconds as the tool reports it; else the span of the requests' wall times.
    var durationSeconds: Double?
    /// Where the output token counts came from, when the tool's records say.
    var tokenSource: TokenSource?
    /// Counts and totals of a file that has no per-request data (then `requests` is empty).
    var aggregate: (counts: RequestCounts, totals: ScenarioTotals)?
    /// The SLO to count good requests under (`--slo`, or the config's `slo:`), if any.
    var slo: ServiceLevelObjective?

    /// The scenario in lens-gate's results model.
    var result: ScenarioResult {
        if let aggregate {
            return ScenarioResult(name: name, model: model, counts: aggregate.counts, totals: aggregate.totals)
        }
        let successes = requests.filter(\.succeeded)
        var samples = MetricSamples()
        func set(_ metric: Metric, _ values: [Double]) {
            if !values.isEmpty { samples[metric] = values }
        }
        set(.ttftMs, successes.compactMap(\.ttftMs))
        set(.e2eMs, successes.compactMap(\.e2eMs))
        set(.tpotMs, successes.compactMap(Self.tpot))
        set(.outputTokensPerSecond, successes.compactMap(Self.outputTokensPerSecond))

        var gaps: [Double] = []
        var gapRequests: [Int] = []
        for (index, request) in successes.enumerated() {
            guard let requestGaps = request.chunkGapsMs else { continue }
            gaps += requestGaps
            gapRequests += Array(repeating: index, count: requestGaps.count)
        }
        set(.itlMs, gaps)

        var errors: [RequestErrorClass: Int] = [:]
        for request in requests where !request.succeeded {
            if let errorClass = request.errorClass { errors[errorClass, default: 0] += 1 }
        }
        let counts = RequestCounts(
            requests: requests.count, succeeded: successes.count, failed: requests.count - successes.count, errors: errors)
        let outputTokens = successes.allSatisfy { $0.outputTokens != nil } ? successes.compactMap(\.outputTokens).reduce(0, +) : nil
        let inputTokens = successes.allSatisfy { $0.inputTokens != nil } ? successes.compactMap(\.inputTokens).reduce(0, +) : nil
        let totals = ScenarioTotals(durationSeconds: durationSeconds ?? wallClockSpan, inputTokens: inputTokens, outputTokens: outputTokens)

        var result = ScenarioResult(
            name: name, model: model, samples: samples, counts: counts, totals: totals, tokenSource: outputTokens == nil ? nil : tokenSource
        )
        if !gaps.isEmpty { result.sampleRequests = SampleLabels([.itlMs: gapRequests]) }
        result.goodput = slo.map { Goodput(good: $0.goodCount(requests.map(Self.latencies)), slo: $0) }
        return result
    }

    /// First send to last completion over all requests, when every request has both times.
    private var wallClockSpan: Double? {
        let starts = requests.compactMap(\.startSeconds)
        let ends = requests.compactMap(\.endSeconds)
        guard !requests.isEmpty, starts.count == requests.count, ends.count == requests.count,
            let first = starts.min(), let last = ends.max(), last > first
        else { return nil }
        return last - first
    }

    /// lens-gate's TPOT, (e2e − ttft) / (output tokens − 1), whatever the tool's own definition.
    private static func tpot(_ request: ImportedRequest) -> Double? {
        guard let e2e = request.e2eMs, let ttft = request.ttftMs, let tokens = request.outputTokens, tokens > 1, e2e >= ttft else {
            return nil
        }
        return (e2e - ttft) / Double(tokens - 1)
    }

    /// A request's figures as the goodput definition reads them (TPOT by lens-gate's definition).
    static func latencies(_ request: ImportedRequest) -> RequestLatencies {
        RequestLatencies(
            succeeded: request.succeeded, ttftMs: request.ttftMs, tpotMs: tpot(request), e2eMs: request.e2eMs,
            outputTokens: request.outputTokens)
    }

    /// Output tokens over the end-to-end latency, per second.
    private static func outputTokensPerSecond(_ request: ImportedRequest) -> Double? {
        guard let e2e = request.e2eMs, e2e > 0, let tokens = request.outputTokens else { return nil }
        return Double(tokens) / (e2e / 1000)
    }
}
