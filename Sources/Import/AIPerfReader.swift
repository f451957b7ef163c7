import LensCore

/// Reads AIPerf's per-request `profile_export.jsonl` (one record per request, each metric with its
/// unit) and its aggregate `profile_export_aiperf.json`.
enum AIPerfReader {
    /// The profiling phase's requests as one scenario; warmup records are left out.
    static func scenarios(_ records: [(line: Int, node: JSONNode)]) throws(FieldError) -> [ImportedScenario] {
        var requests: [ImportedRequest] = []
        for (line, node) in records {
            let path = FieldPath.root.appending("line \(line)")
            let record = try node.object(at: path)
            let metadata = try record.optionalObject("metadata")
            if let phase = try metadata?.optionalString("benchmark_phase"), phase != "profiling" { continue }
            var request = ImportedRequest()
            if let start = try metadata?.optionalNumber("request_start_ns") { request.startSeconds = start / 1e9 }
            if let end = try metadata?.optionalNumber("request_end_ns") { request.endSeconds = end / 1e9 }
            if let error = try record.optionalObject("error") {
                request.succeeded = false
                let text = [try error.optionalString("type"), try error.optionalString("message")].compactMap { $0 }.joined(separator: " ")
                request.errorClass = ForeignErrorText.errorClass(of: text, status: try error.optionalInteger("code"))
                requests.append(request)
                continue
            }
            let metrics = try record.optionalObject("metrics")
            request.ttftMs = try milliseconds(metrics, "time_to_first_token")
            request.e2eMs = try milliseconds(metrics, "request_latency")
            request.chunkGapsMs = try millisecondList(metrics, "inter_chunk_latency")
            request.outputTokens = try tokens(metrics, "output_sequence_length")
            request.inputTokens = try tokens(metrics, "input_sequence_length")
            requests.append(request)
        }
        return [ImportedScenario(name: "aiperf-profile", model: nil, requests: requests)]
    }

    /// The aggregate file: counts, tokens, the measured window, and each latency's summary
    /// statistics as declared per-scenario metrics (no per-request data).
    static func aggregateScenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        guard let succeeded = try average(object, "request_count").flatMap(ForeignUnit.count) else {
            throw FieldError(.root, at: root.position, "no `request_count`: not an AIPerf aggregate export")
        }
        var errors: [RequestErrorClass: Int] = [:]
        var failed = 0
        for (index, entry) in (try object.optionalElements("error_summary") ?? []).enumerated() {
            let summary = try entry.object(at: object.path("error_summary").appending(index))
            let count = try summary.required("count").integer(at: summary.path("count"), in: InputLimits.count)
            guard failed <= InputLimits.count.upper - count - succeeded else {
                throw FieldError(summary.path("count"), at: summary.position, "more failed requests than a count can hold")
            }
            let details = try summary.optionalObject("error_details")
            let text = [try details?.optionalString("type"), try details?.optionalString("message")].compactMap { $0 }.joined(
                separator: " ")
            if let errorClass = ForeignErrorText.errorClass(of: text, status: try details?.optionalInteger("code")) {
                errors[errorClass, default: 0] += count
            }
            failed += count
        }
        let counts = RequestCounts(requests: succeeded + failed, succeeded: succeeded, failed: failed, errors: errors)
        var duration: Double?
        if let window = try object.optionalObject("benchmark_duration"), let value = try window.optionalNumber("avg") {
            duration = ForeignUnit.milliseconds(value, unit: try window.optionalString("unit") ?? "sec")
        }
        let totals = ScenarioTotals(
            durationSeconds: duration.map { $0 / 1000 },
            inputTokens: try average(object, "total_isl").flatMap(ForeignUnit.count),
            outputTokens: try average(object, "total_output_tokens").flatMap(ForeignUnit.count))
        var model: String?
        if let items = try object.optionalObject("input_config")?.optionalObject("models")?.optionalElements("items"),
            let first = items.first
        {
            model = try first.object(at: .root).optionalString("name")
        }
        var aggregate = ImportedScenario.Aggregate(counts: counts, totals: totals)
        for (key, metric) in aggregateMetrics {
            try statistics(object, key, as: metric, into: &aggregate.statistics)
        }
        return [ImportedScenario(name: "aiperf-profile", model: model, aggregate: aggregate)]
    }

    /// AIPerf's per-request metrics and the lens-gate metric each one's definition matches.
    ///
    /// `inter_token_latency` is (latency − TTFT) / (output tokens − first chunk's tokens) per
    /// request: lens-gate's TPOT. `inter_chunk_latency` pools every chunk gap: lens-gate's ITL.
    /// `e2e_output_token_throughput` is output tokens / latency per request (its
    /// `output_token_throughput_per_user` is 1 / ITL, which lens-gate does not define).
    private static let aggregateMetrics: [(String, Metric)] = [
        ("time_to_first_token", .ttftMs), ("request_latency", .e2eMs), ("inter_token_latency", .tpotMs),
        ("inter_chunk_latency", .itlMs), ("e2e_output_token_throughput", .outputTokensPerSecond),
    ]

    /// AIPerf's spelling of each imported statistic.
    private static let statisticKeys: [(String, AggregateStatistics.Statistic)] = [
        ("avg", .mean), ("p50", .p50), ("p90", .p90), ("p95", .p95), ("p99", .p99),
    ]

    /// Reads one metric's statistics, converting a time unit to ms (throughputs are per second already).
    private static func statistics(
        _ object: JSONObject, _ key: String, as metric: Metric, into statistics: inout AggregateStatistics
    ) throws(FieldError) {
        guard let summary = try object.optionalObject(key) else { return }
        let unit = try summary.optionalString("unit")
        if metric.unit != .milliseconds, let unit, !unit.lowercased().hasPrefix("tokens/sec") {
            throw FieldError(summary.path("unit"), at: summary.position, "expected tokens/sec, found '\(unit)'")
        }
        for (name, statistic) in statisticKeys {
            guard let value = try summary.optionalNumber(name) else { continue }
            var converted = value
            if metric.unit == .milliseconds {
                guard let milliseconds = ForeignUnit.milliseconds(value, unit: unit ?? "ms") else {
                    throw FieldError(summary.path("unit"), at: summary.position, "unknown time unit '\(unit ?? "")'")
                }
                converted = milliseconds
            }
            try statistics.set(
                metric, statistic, converted, field: summary.path(name), at: summary.optional(name)?.position ?? summary.position)
        }
    }

    private static func average(_ object: JSONObject, _ key: String) throws(FieldError) -> Double? {
        try object.optionalObject(key)?.optionalNumber("avg")
    }

    private static func milliseconds(_ metrics: JSONObject?, _ key: String) throws(FieldError) -> Double? {
        guard let metric = try metrics?.optionalObject(key), let value = try metric.optionalNumber("value") else { return nil }
        let unit = try metric.optionalString("unit") ?? "ms"
        guard let converted = ForeignUnit.milliseconds(value, unit: unit) else {
            throw FieldError(metric.path("unit"), at: metric.position, "unknown time unit '\(unit)'")
        }
        return converted
    }

    private static func millisecondList(_ metrics: JSONObject?, _ key: String) throws(FieldError) -> [Double]? {
        guard let metric = try metrics?.optionalObject(key), let values = try metric.optionalNumbers("value") else { return nil }
        let unit = try metric.optionalString("unit") ?? "ms"
        guard ForeignUnit.milliseconds(1, unit: unit) != nil else {
            throw FieldError(metric.path("unit"), at: metric.position, "unknown time unit '\(unit)'")
        }
        return values.compactMap { ForeignUnit.milliseconds($0, unit: unit) }
    }

    private static func tokens(_ metrics: JSONObject?, _ key: String) throws(FieldError) -> Int? {
        guard let metric = try metrics?.optionalObject(key), let value = try metric.optionalNumber("value") else { return nil }
        guard let count = ForeignUnit.count(value) else {
            throw FieldError(metric.path("value"), at: metric.position, "expected a token count, found \(value)")
        }
        return count
    }
}
