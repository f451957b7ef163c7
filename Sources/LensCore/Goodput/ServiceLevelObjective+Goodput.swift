/// The goodput definition: which requests are good.
///
/// DistServe's (Zhong et al., OSDI 2024) definition, as vLLM's `vllm bench serve --goodput` and
/// AIPerf's `--goodput` apply it: a request is good when it succeeded and every latency the SLO
/// limits is at most its limit (`value <= limit`, so a value exactly at the limit meets it).
/// The unit is the request; a failed request is counted among the requests but is never good.
///
/// Two cases the measurements leave open, decided as follows:
/// - A request with one output token (or none) has no time per output token. Like vLLM, which
///   records its TPOT as 0 for goodput, it meets any `tpot_ms` limit; its TTFT and e2e limits still apply.
/// - A latency that was not measured (TTFT of a non-streamed request, TPOT of a request whose
///   token count is unknown) cannot be shown to meet its limit, so the request is not good. A
///   tool that cannot measure TTFT therefore has no good requests under a `ttft_ms` SLO, which
///   reports show rather than hide.
extension ServiceLevelObjective {
    /// Whether one request is good under this SLO.
    public func isGood(_ request: RequestLatencies) -> Bool {
        guard request.succeeded else { return false }
        for (part, limit) in limits {
            switch part {
            case .ttftMs:
                guard let ttft = request.ttftMs, ttft <= limit else { return false }
            case .e2eMs:
                guard let e2e = request.e2eMs, e2e <= limit else { return false }
            case .tpotMs:
                if let tpot = request.tpotMs {
                    guard tpot <= limit else { return false }
                } else {
                    // No TPOT: met only when there is no second token to time (vLLM's TPOT of 0).
                    guard let tokens = request.outputTokens, tokens <= 1 else { return false }
                }
            }
        }
        return true
    }

    /// Whether a successful request lacks a figure one of the limits needs (so it cannot be good).
    public func lacksFigures(_ request: RequestLatencies) -> Bool {
        limits.keys.contains { part in
            switch part {
            case .ttftMs: request.ttftMs == nil
            case .e2eMs: request.e2eMs == nil
            case .tpotMs: request.tpotMs == nil && (request.outputTokens.map { $0 > 1 } ?? true)
            }
        }
    }

    /// How many of `requests` are good under this SLO.
    public func goodCount<S: Sequence>(_ requests: S) -> Int where S.Element == RequestLatencies {
        requests.reduce(0) { $0 + (isGood($1) ? 1 : 0) }
    }
}
