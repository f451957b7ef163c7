import NIOCore

/// The body of `GET /metrics`: the simulator's `EngineStats` in vLLM's metric names, as Prometheus
/// text format 0.0.4 (`text/plain; version=0.0.4`), one `model_name` series per model.
enum MetricsPage {
    /// The content type Prometheus servers answer with.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders every model's series, models sorted by name.
    static func render(_ stats: [String: EngineStats.Series]) -> ByteBuffer {
        let models = stats.keys.sorted()
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ value: (EngineStats.Series) -> Double) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for model in models {
                guard let series = stats[model] else { continue }
                text += "\(name){model_name=\"\(escaped(model))\"} \(number(value(series)))\n"
            }
        }
        family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.") { Double($0.running) }
        family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.") { Double($0.waiting) }
        family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.") {
            min(1, Double(max(0, $0.runningTokens)) / Double(EngineStats.kvCacheTokens))
        }
        family("vllm:num_preemptions_total", "counter", "Cumulative number of preemption from the engine.") { _ in 0 }
        family("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.") { Double($0.promptTokens) }
        family("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.") { Double($0.generationTokens) }
        text += "# HELP vllm:request_success_total Count of successfully processed requests.\n"
        text += "# TYPE vllm:request_success_total counter\n"
        for model in models {
            guard let series = stats[model] else { continue }
            text += "vllm:request_success_total{finished_reason=\"stop\",model_name=\"\(escaped(model))\"} \(series.succeeded).0\n"
        }
        histogram(&text, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", models, stats) { $0.ttft }
        histogram(&text, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", models, stats) { $0.e2e }
        histogram(
            &text, "vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", models, stats
        ) { $0.queue }
        var buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        return buffer
    }

    private static func histogram(
        _ text: inout String, _ name: String, _ help: String, _ models: [String], _ stats: [String: EngineStats.Series],
        _ pick: (EngineStats.Series) -> EngineStats.Histogram
    ) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        for model in models {
            guard let series = stats[model] else { continue }
            let histogram = pick(series)
            let label = "model_name=\"\(escaped(model))\""
            var cumulative = 0
            for (bound, count) in zip(histogram.bounds, histogram.counts) {
                cumulative += count
                text += "\(name)_bucket{le=\"\(number(bound))\",\(label)} \(cumulative).0\n"
            }
            text += "\(name)_bucket{le=\"+Inf\",\(label)} \(histogram.count).0\n"
            text += "\(name)_count{\(label)} \(histogram.count).0\n"
            text += "\(name)_sum{\(label)} \(number(histogram.sum))\n"
        }
    }

    /// A label value with `\`, `"` and line breaks escaped.
    static func escaped(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A value as prometheus_client writes it (`1.0`, `0.25`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : "\(value)"
    }
}
