import LensCore

/// A results format lens-gate can read: its own, or the per-request output of another load generator.
public enum ForeignFormat: String, CaseIterable, Sendable {
    /// lens-gate's own results file.
    case lensGate = "lens-gate"
    /// `vllm bench serve --save-result`, per request with `--save-detailed`, else aggregates only.
    case vllm
    /// GuideLLM's `benchmarks.json` (or `.yaml`).
    case guidellm
    /// AIPerf's per-request `profile_export.jsonl`.
    case aiperf
    /// AIPerf's aggregate `profile_export_aiperf.json` (no per-request data).
    case aiperfAggregate = "aiperf-aggregate"
    /// GenAI-Perf's `profile_export.json` (perf_analyzer's request timestamps).
    case genaiPerf = "genai-perf"
    /// llmperf's `*_individual_responses.json`.
    case llmperf
    /// llmperf's `*_summary.json` (no per-request data).
    case llmperfSummary = "llmperf-summary"

    /// What users call the tool, for messages.
    public var displayName: String {
        switch self {
        case .lensGate: "lens-gate"
        case .vllm: "vLLM bench serve"
        case .guidellm: "GuideLLM"
        case .aiperf: "AIPerf"
        case .aiperfAggregate: "AIPerf (aggregate)"
        case .genaiPerf: "GenAI-Perf"
        case .llmperf: "llmperf"
        case .llmperfSummary: "llmperf (summary)"
        }
    }

    /// The format a document's content shows, or nil when it matches none.
    ///
    /// Each format is recognised by fields only it writes, so detection does not depend on the
    /// file's name; `--format` overrides it.
    static func detect(_ document: ForeignDocument) -> ForeignFormat? {
        switch document {
        case .lines(let records):
            guard let first = records.first?.node.value else { return nil }
            return first["metadata"] != nil && first["metrics"] != nil ? .aiperf : nil
        case .single(let root):
            let value = root.value
            if case .array(let elements) = value {
                let first = elements.first?.value
                return first?["ttft_s"] != nil || first?["end_to_end_latency_s"] != nil ? .llmperf : nil
            }
            if case .number? = value["schema_version"] { return .lensGate }  // AIPerf's is a string
            if let benchmarks = value["benchmarks"], value["metadata"]?["guidellm_version"] != nil || hasGuideLLMRequests(benchmarks) {
                return .guidellm
            }
            if value["ttfts"] != nil || (value["itls"] != nil && value["latencies"] != nil) { return .vllm }
            if value["num_prompts"] != nil && value["completed"] != nil { return .vllm }  // saved without --save-detailed
            if value["results_num_requests_started"] != nil { return .llmperfSummary }
            if value["experiments"] != nil { return .genaiPerf }
            if value["aiperf_version"] != nil || (value["input_config"] != nil && value["request_count"] != nil) { return .aiperfAggregate }
            return nil
        }
    }

    private static func hasGuideLLMRequests(_ benchmarks: JSONValue) -> Bool {
        guard case .array(let list) = benchmarks, let first = list.first?.value else { return false }
        return first["requests"] != nil && first["scheduler_metrics"] != nil
    }
}
