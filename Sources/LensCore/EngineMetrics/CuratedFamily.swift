/// One engine metric family that matters for a regression, and the figure lens-gate makes of it.
///
/// The names were checked against each engine's source: vLLM `vllm/v1/metrics/loggers.py`
/// (older spellings from `vllm/engine/metrics.py` as fallbacks), SGLang
/// `python/sglang/srt/metrics/collector.py`, llama.cpp `tools/server/server.cpp` (`/metrics`)
/// and TGI `router/src/` (metrics-rs names, no `_total` on counters).
public struct CuratedFamily: Sendable, Equatable {
    /// How the two scrapes become a figure.
    public enum Reading: Sendable, Equatable {
        /// A counter's increase over the scenario.
        case increase
        /// A gauge's value at the end of the scenario.
        case gaugeAtEnd
        /// The larger of a gauge's values before and after (a peak such as KV-cache usage).
        case gaugeMax
        /// A histogram of seconds: mean, p50 and p95 of the observations gained, in milliseconds.
        case secondsHistogram
        /// The increase of one counter divided by the increase of another (`families[1]`).
        case increaseRatio
    }

    /// The figure's name (histograms add `_mean`, `_p50`, `_p95`).
    public var figure: String
    /// The family names to read, first present wins (renamed families list their older names
    /// after); for `increaseRatio`, the numerator and the denominator.
    public var families: [String]
    /// How the family is read.
    public var reading: Reading
    /// The figure's unit.
    public var unit: EngineFigure.Unit
    /// Which way a change is worse.
    public var better: Metric.Direction

    init(_ figure: String, _ families: [String], _ reading: Reading, _ unit: EngineFigure.Unit, _ better: Metric.Direction = .lowerIsBetter)
    {
        self.figure = figure
        self.families = families
        self.reading = reading
        self.unit = unit
        self.better = better
    }

    /// The families read for every scrape, by engine; an engine's families are simply absent from
    /// another engine's page, so one table serves all of them.
    public static let all: [CuratedFamily] = vllm + sglang + llamaCpp + tgi

    /// vLLM (`vllm:` prefix).
    static let vllm: [CuratedFamily] = [
        CuratedFamily("engine_vllm_preemptions", ["vllm:num_preemptions"], .increase, .count),
        CuratedFamily("engine_vllm_queue_time_ms", ["vllm:request_queue_time_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_vllm_ttft_ms", ["vllm:time_to_first_token_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily(
            "engine_vllm_itl_ms", ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"], .secondsHistogram,
            .milliseconds),
        CuratedFamily("engine_vllm_e2e_ms", ["vllm:e2e_request_latency_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_vllm_prefill_ms", ["vllm:request_prefill_time_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_vllm_kv_cache_usage", ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"], .gaugeMax, .ratio),
        CuratedFamily("engine_vllm_requests_waiting", ["vllm:num_requests_waiting"], .gaugeAtEnd, .count),
        CuratedFamily(
            "engine_vllm_prefix_cache_hit_ratio", ["vllm:prefix_cache_hits", "vllm:prefix_cache_queries"], .increaseRatio, .ratio,
            .higherIsBetter),
    ]

    /// SGLang (`sglang:` prefix).
    static let sglang: [CuratedFamily] = [
        CuratedFamily("engine_sglang_retractions", ["sglang:num_retracted_requests"], .increase, .count),
        CuratedFamily("engine_sglang_queue_time_ms", ["sglang:queue_time_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_sglang_ttft_ms", ["sglang:time_to_first_token_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily(
            "engine_sglang_itl_ms", ["sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds"], .secondsHistogram,
            .milliseconds),
        CuratedFamily("engine_sglang_e2e_ms", ["sglang:e2e_request_latency_seconds"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_sglang_kv_cache_usage", ["sglang:token_usage"], .gaugeMax, .ratio),
        CuratedFamily("engine_sglang_requests_waiting", ["sglang:num_queue_reqs"], .gaugeAtEnd, .count),
    ]

    /// llama.cpp's server (`llamacpp:` prefix, with `--metrics`).
    static let llamaCpp: [CuratedFamily] = [
        CuratedFamily(
            "engine_llamacpp_prompt_tokens_per_s", ["llamacpp:prompt_tokens", "llamacpp:prompt_seconds"], .increaseRatio,
            .tokensPerSecond, .higherIsBetter),
        CuratedFamily(
            "engine_llamacpp_generation_tokens_per_s", ["llamacpp:tokens_predicted", "llamacpp:tokens_predicted_seconds"],
            .increaseRatio, .tokensPerSecond, .higherIsBetter),
        CuratedFamily("engine_llamacpp_kv_cache_usage", ["llamacpp:kv_cache_usage_ratio"], .gaugeMax, .ratio),
        CuratedFamily("engine_llamacpp_requests_deferred", ["llamacpp:requests_deferred"], .gaugeAtEnd, .count),
    ]

    /// Text Generation Inference (`tgi_` prefix).
    static let tgi: [CuratedFamily] = [
        CuratedFamily("engine_tgi_queue_time_ms", ["tgi_request_queue_duration"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_tgi_e2e_ms", ["tgi_request_duration"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_tgi_inference_ms", ["tgi_request_inference_duration"], .secondsHistogram, .milliseconds),
        CuratedFamily(
            "engine_tgi_time_per_token_ms", ["tgi_request_mean_time_per_token_duration"], .secondsHistogram, .milliseconds),
        CuratedFamily("engine_tgi_request_failures", ["tgi_request_failure"], .increase, .count),
        CuratedFamily("engine_tgi_queue_size", ["tgi_queue_size"], .gaugeAtEnd, .count),
    ]
}
