import LensCore

/// Reads llmperf's `*_individual_responses.json`: one record per request, times in seconds.
///
/// llmperf's own `inter_token_latency_s` sums every gap from the send (TTFT included) and divides
/// by the output tokens, so it is not imported; TPOT is derived by lens-gate's definition instead.
enum LLMPerfReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let records = try root.elements(at: .root)
        var requests: [ImportedRequest] = []
        for (index, node) in records.enumerated() {
            let record = try node.object(at: FieldPath.root.appending(index))
            var request = ImportedRequest()
            let code = try record.optionalInteger("error_code")
            let message = try record.optionalString("error_msg") ?? ""
            if code != nil || !message.isEmpty {
                request.succeeded = false
                request.errorClass = ForeignErrorText.errorClass(of: message, status: code)
                requests.append(request)
                continue
            }
            if let ttft = try record.optionalNumber("ttft_s") { request.ttftMs = ttft * 1000 }
            if let e2e = try record.optionalNumber("end_to_end_latency_s") { request.e2eMs = e2e * 1000 }
            request.outputTokens = try record.optionalInteger("number_output_tokens")
            request.inputTokens = try record.optionalInteger("number_input_tokens")
            requests.append(request)
        }
        return [ImportedScenario(name: "llmperf", model: nil, requests: requests)]
    }
}
