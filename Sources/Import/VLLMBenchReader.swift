import LensCore

/// Reads `vllm bench serve --save-result --save-detailed`: parallel per-request arrays, times in
/// seconds, and `itls` as each request's chunk gaps. Without `--save-detailed` the file keeps only
/// aggregates, read by `aggregateScenario`.
enum VLLMBenchReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        guard let ttfts = try object.optionalNumbers("ttfts"), let latencies = try object.optionalNumbers("latencies") else {
            guard object.optional("completed") != nil else {
                throw FieldError(
                    .root, at: root.position,
                    "neither per-request data (`ttfts`, `latencies`: `vllm bench serve --save-result --save-detailed`) nor aggregates (`completed`)"
                )
            }
            return [try aggregateScenario(object)]
        }
        let count = latencies.count
        let itls = try object.optionalElements("itls")
        let outputLengths = try object.optionalNumbers("output_lens")
        let inputLengths = try object.optionalNumbers("input_lens")
        let errors = try object.optionalElements("errors")
        for (key, length) in [
            ("ttfts", ttfts.count), ("itls", itls?.count), ("output_lens", outputLengths?.count),
            ("input_lens", inputLengths?.count), ("errors", errors?.count),
        ] {
            if let length, length != count {
                throw FieldError(
                    object.path(key), at: object.optional(key)?.position ?? root.position,
                    "\(length) entries, but `latencies` has \(count): the per-request arrays must be parallel")
            }
        }
        var requests: [ImportedRequest] = []
        for index in 0..<count {
            var request = ImportedRequest()
            if let errorNode = errors?[index], case .string(let text) = errorNode.value, !text.isEmpty {
                request.succeeded = false
                request.errorClass = ForeignErrorText.errorClass(of: text)
                requests.append(request)
                continue
            }
            request.ttftMs = try nonNegative(ttfts[index], "ttfts", index, object) * 1000
            request.e2eMs = try nonNegative(latencies[index], "latencies", index, object) * 1000
            if let itls {
                let gaps = try itls[index].numbers(at: object.path("itls").appending(index))
                request.chunkGapsMs = gaps.map { $0 * 1000 }
            }
            if let outputLengths { request.outputTokens = try tokenCount(outputLengths[index], "output_lens", index, object) }
            if let inputLengths { request.inputTokens = try tokenCount(inputLengths[index], "input_lens", index, object) }
            requests.append(request)
        }
        let name = try object.optionalString("label") ?? "vllm-bench-serve"
        return [
            ImportedScenario(
                name: name, model: try object.optionalString("model_id"), requests: requests,
                durationSeconds: try object.optionalNumber("duration"))
        ]
    }

    /// A file saved without `--save-detailed`: counts, totals and the `mean_`/`median_`/`pNN_`
    /// statistics vLLM printed, which become declared per-scenario metrics.
    ///
    /// vLLM still writes `latencies` there, but without `errors` a failed request's entry cannot be
    /// told from a success's, so it is not imported as samples.
    private static func aggregateScenario(_ object: JSONObject) throws(FieldError) -> ImportedScenario {
        let succeeded = try count(object, "completed") ?? 0
        var failed = try count(object, "failed")
        if failed == nil, let prompts = try count(object, "num_prompts"), prompts >= succeeded {
            failed = prompts - succeeded  // older vLLM writes no `failed`
        }
        let counts = RequestCounts(
            requests: succeeded + (failed ?? 0), succeeded: succeeded, failed: failed ?? 0, errors: [:])
        let totals = ScenarioTotals(
            durationSeconds: try object.optionalNumber("duration"), inputTokens: try count(object, "total_input_tokens"),
            outputTokens: try count(object, "total_output_tokens"))
        var aggregate = ImportedScenario.Aggregate(counts: counts, totals: totals)
        // vLLM's TPOT is (latency − TTFT) / (output tokens − 1) per request, its ITL the pooled
        // chunk gaps, its E2EL the request latency: lens-gate's definitions. All in ms.
        for (name, metric) in [("ttft", Metric.ttftMs), ("tpot", .tpotMs), ("itl", .itlMs), ("e2el", .e2eMs)] {
            let keys: [(String, AggregateStatistics.Statistic)] = [
                ("mean_\(name)_ms", .mean), ("p50_\(name)_ms", .p50), ("median_\(name)_ms", .p50), ("p90_\(name)_ms", .p90),
                ("p95_\(name)_ms", .p95), ("p99_\(name)_ms", .p99),
            ]
            for (key, statistic) in keys {
                try aggregate.statistics.set(
                    metric, statistic, try object.optionalNumber(key), field: object.path(key),
                    at: object.optional(key)?.position ?? .unknown)
            }
        }
        return ImportedScenario(
            name: try object.optionalString("label") ?? "vllm-bench-serve", model: try object.optionalString("model_id"),
            aggregate: aggregate)
    }

    private static func count(_ object: JSONObject, _ key: String) throws(FieldError) -> Int? {
        guard let value = try object.optionalNumber(key) else { return nil }
        guard let count = ForeignUnit.count(value) else {
            throw FieldError(object.path(key), at: object.optional(key)?.position ?? .unknown, "expected a count, found \(value)")
        }
        return count
    }

    private static func tokenCount(_ value: Double, _ key: String, _ index: Int, _ object: JSONObject) throws(FieldError) -> Int {
        guard let count = ForeignUnit.count(value) else {
            throw FieldError(
                object.path(key).appending(index), at: object.optional(key)?.position ?? .unknown, "expected a token count, found \(value)")
        }
        return count
    }

    private static func nonNegative(_ value: Double, _ key: String, _ index: Int, _ object: JSONObject) throws(FieldError) -> Double {
        guard value >= 0 else {
            throw FieldError(object.path(key).appending(index), at: object.optional(key)?.position ?? .unknown, "negative time \(value)")
        }
        return value
    }
}
