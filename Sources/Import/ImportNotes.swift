import LensCore

/// The one-line notes an import prints: what a format does not carry, or defines differently
/// from lens-gate (docs/importing.md has the whole mapping).
enum ImportNotes {
    static func notes(for format: ForeignFormat, scenarios: [ImportedScenario], slo: ServiceLevelObjective? = nil) -> [String] {
        var notes: [String] = []
        switch format {
        case .lensGate, .vllm:
            break
        case .guidellm:
            notes.append(
                "GuideLLM keeps one average gap per request, not the chunk gaps: itl_ms is not imported; tpot_ms is (e2e − ttft) / (output tokens − 1)"
            )
        case .aiperf:
            notes.append("AIPerf counts tokens with its client-side tokenizer unless run with --use-server-token-count")
        case .aiperfAggregate:
            notes.append(
                "aggregate file, no per-request data: only request_throughput, output_throughput and error_rate can be compared, one value per run (threshold only, no significance test); export profile_export.jsonl for per-request checks"
            )
        case .genaiPerf:
            notes.append("GenAI-Perf records responses, not tokens: output tokens are the content-bearing chunks (token_source counted)")
        case .llmperf:
            notes.append(
                "llmperf records no send times: request_throughput and output_throughput cannot be derived; its inter_token_latency_s includes TTFT, so tpot_ms is derived as (e2e − ttft) / (output tokens − 1) instead"
            )
        }
        if let slo {
            if format == .aiperfAggregate {
                notes.append("aggregate file, no per-request data: goodput under \(slo.canonicalText) cannot be counted")
            } else {
                let unjudged = scenarios.reduce(0) { total, scenario in
                    total + scenario.requests.filter { $0.succeeded && slo.lacksFigures(ImportedScenario.latencies($0)) }.count
                }
                if unjudged > 0 {
                    notes.append(
                        "\(unjudged) successful request(s) lack a figure the SLO (\(slo.canonicalText)) limits (TTFT of a non-streamed request, token counts): counted as not good"
                    )
                }
            }
        }
        let unclassified = scenarios.reduce(0) { total, scenario in
            total + scenario.requests.filter { !$0.succeeded && $0.errorClass == nil }.count
        }
        if unclassified > 0 {
            notes.append(
                "\(unclassified) failed request(s) have an error the file does not classify: counted as failed, without an error class")
        }
        return notes
    }
}
