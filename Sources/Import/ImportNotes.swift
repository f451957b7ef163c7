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
            break  // the aggregate note below
        case .genaiPerf:
            notes.append("GenAI-Perf records responses, not tokens: output tokens are the content-bearing chunks (token_source counted)")
        case .llmperf:
            notes.append(
                "llmperf records no send times: request_throughput and output_throughput cannot be derived; its inter_token_latency_s includes TTFT, so tpot_ms is derived as (e2e − ttft) / (output tokens − 1) instead"
            )
        case .llmperfSummary:
            notes.append(
                "llmperf's inter_token_latency_s includes TTFT and matches no lens-gate metric: not imported; its token counts are its client tokenizer's"
            )
        }
        let aggregates = scenarios.compactMap(\.aggregate)
        if !aggregates.isEmpty {
            notes.append(aggregateNote(format, declared: scenarios.flatMap(\.declaredMetrics)))
        }
        if let slo {
            if !aggregates.isEmpty {
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
            if let aggregate = scenario.aggregate {
                return total + aggregate.counts.failed - aggregate.counts.errors.values.reduce(0, +)
            }
            return total + scenario.requests.filter { !$0.succeeded && $0.errorClass == nil }.count
        }
        if unclassified > 0 {
            notes.append(
                "\(unclassified) failed request(s) have an error the file does not classify: counted as failed, without an error class")
        }
        return notes
    }

    /// What a file without per-request data allows, and the export that would allow more.
    private static func aggregateNote(_ format: ForeignFormat, declared: [Metric]) -> String {
        let export =
            switch format {
            case .vllm: "save with `vllm bench serve --save-detailed`"
            case .aiperfAggregate: "import AIPerf's profile_export.jsonl"
            case .llmperfSummary: "import llmperf's *_individual_responses.json"
            default: "export the tool's per-request data"
            }
        let names = Set(declared.map(\.name)).sorted()
        let statistics =
            names.isEmpty
            ? "no latency statistics"
            : "its \(names.count) statistics as metrics of their own (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : ""))"
        return
            "aggregate only, no per-request data: counts, throughputs and \(statistics), one value per run, compared against the threshold only (a warning), no significance test possible; \(export) for real checks"
    }
}
