/// Realistic `/metrics` pages, written after the shape of each engine's own output (names, types,
/// label sets and bucket layouts from their source and docs), and the formats' spec examples.
enum ExpositionPages {
    /// vLLM's V1 engine (prometheus_client, text format 0.0.4): counters declared with `_total`,
    /// an `engine` label beside `model_name`, `_created` gauges and a label value with escapes.
    static func vllm(preemptions: Int = 2, queueBuckets: [Int] = [3, 7, 9, 10, 10], waiting: Int = 1, kvCache: Double = 0.25) -> String {
        let bounds = ["0.3", "0.5", "0.8", "1.0", "+Inf"]
        let queue = zip(bounds, queueBuckets).map { bound, count in
            #"vllm:request_queue_time_seconds_bucket{engine="0",le="\#(bound)",model_name="meta-llama/Llama-3.1-8B-Instruct"} \#(count).0"#
        }.joined(separator: "\n")
        return """
            # HELP python_gc_objects_collected_total Objects collected during gc
            # TYPE python_gc_objects_collected_total counter
            python_gc_objects_collected_total{generation="0"} 12345.0
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 4.0
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} \(waiting).0
            # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} \(kvCache)
            # HELP vllm:num_preemptions_total Cumulative number of preemption from the engine.
            # TYPE vllm:num_preemptions_total counter
            vllm:num_preemptions_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} \(preemptions).0
            # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
            # TYPE vllm:prompt_tokens_total counter
            vllm:prompt_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 8.128902e+06
            # HELP vllm:request_success_total Count of successfully processed requests.
            # TYPE vllm:request_success_total counter
            vllm:request_success_total{engine="0",finished_reason="stop",model_name="meta-llama/Llama-3.1-8B-Instruct"} 120.0
            vllm:request_success_total{engine="0",finished_reason="length",model_name="meta-llama/Llama-3.1-8B-Instruct"} 30.0
            vllm:request_success_total{engine="0",finished_reason="abort",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
            # HELP vllm:request_queue_time_seconds Histogram of time spent in WAITING phase for request.
            # TYPE vllm:request_queue_time_seconds histogram
            \(queue)
            vllm:request_queue_time_seconds_count{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} \(queueBuckets.last ?? 0).0
            vllm:request_queue_time_seconds_sum{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} \(Double(queueBuckets.last ?? 0) * 0.4)
            # HELP vllm:cache_config_info Information of the LLMEngine CacheConfig
            # TYPE vllm:cache_config_info gauge
            vllm:cache_config_info{block_size="16",cache_dtype="auto",engine="0",prefix_caching_hint="a \\"quoted\\" path\\\\x\\nnext"} 1.0

            """
    }

    /// SGLang (prometheus_client): `model_name` labels, a token-usage gauge and a TTFT histogram.
    static let sglang = """
        # HELP sglang:prompt_tokens_total Number of prefill tokens processed.
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 8.128902e+06
        # HELP sglang:token_usage The token usage.
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.28
        # HELP sglang:num_queue_reqs The number of requests in the waiting queue.
        # TYPE sglang:num_queue_reqs gauge
        sglang:num_queue_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
        # HELP sglang:time_to_first_token_seconds Histogram of time to first token in seconds.
        # TYPE sglang:time_to_first_token_seconds histogram
        sglang:time_to_first_token_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.3518979474117756e+06
        sglang:time_to_first_token_seconds_bucket{le="0.04",model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.0
        sglang:time_to_first_token_seconds_bucket{le="0.1",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
        sglang:time_to_first_token_seconds_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 5.0
        sglang:time_to_first_token_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 5.0

        """

    /// llama.cpp's server with `--metrics`: no labels, integer values, counters with `_total` in the TYPE name.
    static let llamaCpp = """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total 6886
        # HELP llamacpp:prompt_seconds_total Prompt process time
        # TYPE llamacpp:prompt_seconds_total counter
        llamacpp:prompt_seconds_total 2.903
        # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
        # TYPE llamacpp:tokens_predicted_total counter
        llamacpp:tokens_predicted_total 3469
        # HELP llamacpp:tokens_predicted_seconds_total Predict process time
        # TYPE llamacpp:tokens_predicted_seconds_total counter
        llamacpp:tokens_predicted_seconds_total 35.4427
        # HELP llamacpp:kv_cache_usage_ratio KV-cache usage. 1 means 100 percent usage.
        # TYPE llamacpp:kv_cache_usage_ratio gauge
        llamacpp:kv_cache_usage_ratio 0.125
        # HELP llamacpp:requests_deferred Number of requests deferred.
        # TYPE llamacpp:requests_deferred gauge
        llamacpp:requests_deferred 0

        """

    /// TGI (metrics-exporter-prometheus): counters without `_total`, histograms without HELP.
    static let tgi = """
        # TYPE tgi_request_failure counter
        tgi_request_failure{err="validation"} 2
        # TYPE tgi_queue_size gauge
        tgi_queue_size 3
        # TYPE tgi_request_queue_duration histogram
        tgi_request_queue_duration_bucket{le="0.005"} 10
        tgi_request_queue_duration_bucket{le="0.01"} 12
        tgi_request_queue_duration_bucket{le="+Inf"} 12
        tgi_request_queue_duration_sum 0.061
        tgi_request_queue_duration_count 12

        """

    /// The text format 0.0.4 spec's example: timestamps, escapes, odd values, a histogram and a summary.
    static let textFormatSpec = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="0.2"} 100392
        http_request_duration_seconds_bucket{le="0.5"} 129389
        http_request_duration_seconds_bucket{le="1"} 133988
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # Finally a summary, which has a complex representation, too:
        # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.01"} 3102
        rpc_duration_seconds{quantile="0.05"} 3272
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.9"} 9001
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693

        """

    /// OpenMetrics 1.0: counters declared without `_total`, `_created`, UNIT, exemplars, info,
    /// stateset, gaugehistogram, unknown, NaN, and `# EOF`.
    static let openMetrics = """
        # TYPE acme_http_router_request_seconds summary
        # UNIT acme_http_router_request_seconds seconds
        # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
        acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
        acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
        acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
        # TYPE foo counter
        foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
        foo_created 1520872607.123
        # TYPE bar histogram
        bar_bucket{le="0.01"} 0
        bar_bucket{le="0.1"} 8 # {trace_id="a"} 0.054
        bar_bucket{le="+Inf"} 17 # {} 2.5 1520879607.789
        bar_count 17
        bar_sum 324789.3
        # TYPE build info
        build_info{version="1.2.3"} 1
        # TYPE feature stateset
        feature{feature="a"} 1
        feature{feature="b"} 0
        # TYPE queue gaugehistogram
        queue_bucket{le="1.0"} 2
        queue_bucket{le="+Inf"} 3
        queue_gcount 3
        queue_gsum 4.5
        # TYPE mystery unknown
        mystery NaN
        # EOF

        """
}
