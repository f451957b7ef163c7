import LensCore

/// Reads llmperf's `*_summary.json`: flat `results_<metric>_mean` and `_quantiles_pNN` keys over
/// the successful requests, times in seconds, plus counts (no per-request data).
///
/// llmperf's `inter_token_latency_s` is the sum of every gap from the send, TTFT included,
/// divided by the output tokens: no lens-gate metric, so it is not imported.
enum LLMPerfSummaryReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        guard let started = try count(object, "results_num_requests_started") else {
            throw FieldError(.root, at: root.position, "no `results_num_requests_started`: not an llmperf summary")
        }
        let failed = try count(object, "results_number_errors") ?? 0
        guard failed <= started else {
            throw FieldError(
                object.path("results_number_errors"), at: object.optional("results_number_errors")?.position ?? root.position,
                "\(failed) errors, but only \(started) requests started")
        }
        let succeeded = try count(object, "results_num_completed_requests") ?? started - failed
        let counts = RequestCounts(requests: succeeded + failed, succeeded: succeeded, failed: failed, errors: [:])

        // llmperf gives completed requests per minute over the run's wall time, which gives the window back.
        var duration: Double?
        if let perMinute = try object.optionalNumber("results_num_completed_requests_per_min"), perMinute > 0, succeeded > 0 {
            duration = Double(succeeded) / perMinute * 60
        }
        let totals = ScenarioTotals(
            durationSeconds: duration, inputTokens: try total(object, "number_input_tokens", over: succeeded),
            outputTokens: try total(object, "number_output_tokens", over: succeeded))

        var aggregate = ImportedScenario.Aggregate(counts: counts, totals: totals)
        for (name, metric, scale) in [
            ("ttft_s", Metric.ttftMs, 1000.0), ("end_to_end_latency_s", .e2eMs, 1000),
            ("request_output_throughput_token_per_s", .outputTokensPerSecond, 1),
        ] {
            let keys: [(String, AggregateStatistics.Statistic)] = [
                ("results_\(name)_mean", .mean), ("results_\(name)_quantiles_p50", .p50), ("results_\(name)_quantiles_p90", .p90),
                ("results_\(name)_quantiles_p95", .p95), ("results_\(name)_quantiles_p99", .p99),
            ]
            for (key, statistic) in keys {
                try aggregate.statistics.set(
                    metric, statistic, try object.optionalNumber(key).map { $0 * scale }, field: object.path(key),
                    at: object.optional(key)?.position ?? root.position)
            }
        }
        return [ImportedScenario(name: "llmperf", model: try object.optionalString("model"), aggregate: aggregate)]
    }

    /// A whole count, or nil when absent.
    private static func count(_ object: JSONObject, _ key: String) throws(FieldError) -> Int? {
        guard let value = try object.optionalNumber(key) else { return nil }
        guard let count = ForeignUnit.count(value) else {
            throw FieldError(object.path(key), at: object.optional(key)?.position ?? .unknown, "expected a count, found \(value)")
        }
        return count
    }

    /// A token total from llmperf's mean over the successful requests (mean × requests, a whole number).
    private static func total(_ object: JSONObject, _ name: String, over requests: Int) throws(FieldError) -> Int? {
        guard let mean = try object.optionalNumber("results_\(name)_mean"), requests > 0 else { return nil }
        return ForeignUnit.count((mean * Double(requests)).rounded())
    }
}
