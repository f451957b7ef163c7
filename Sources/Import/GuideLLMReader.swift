import LensCore

/// Reads GuideLLM's benchmarks report (JSON or YAML): one scenario per benchmark, named after
/// its strategy (`concurrent@4`, `constant@5`, `synchronous`).
enum GuideLLMReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        let benchmarks = try object.required("benchmarks").elements(at: object.path("benchmarks"))
        var scenarios: [ImportedScenario] = []
        var names: [String: Int] = [:]
        for (index, node) in benchmarks.enumerated() {
            let path = object.path("benchmarks").appending(index)
            var scenario = try scenario(node, at: path)
            names[scenario.name, default: 0] += 1
            if let seen = names[scenario.name], seen > 1 { scenario.name += "#\(seen)" }
            scenarios.append(scenario)
        }
        return scenarios
    }

    private static func scenario(_ node: JSONNode, at path: FieldPath) throws(FieldError) -> ImportedScenario {
        let benchmark = try node.object(at: path)
        let config = try benchmark.optionalObject("config")
        let lists = try benchmark.required("requests").object(at: benchmark.path("requests"))
        var requests: [ImportedRequest] = []
        for (index, element) in (try lists.optionalElements("successful") ?? []).enumerated() {
            requests.append(try successful(element, at: lists.path("successful").appending(index)))
        }
        for (index, element) in (try lists.optionalElements("errored") ?? []).enumerated() {
            let record = try element.object(at: lists.path("errored").appending(index))
            let info = try record.optionalObject("info")
            let text = try info?.optionalString("error") ?? ""
            requests.append(ImportedRequest(succeeded: false, errorClass: ForeignErrorText.errorClass(of: text)))
        }
        let model = try config?.optionalObject("backend")?.optionalString("model")
        let strategy = try config?.optionalObject("strategy")
        return ImportedScenario(
            name: try strategyName(strategy) ?? "guidellm", model: model, requests: requests,
            durationSeconds: try benchmark.optionalNumber("duration"))
    }

    private static func successful(_ node: JSONNode, at path: FieldPath) throws(FieldError) -> ImportedRequest {
        let record = try node.object(at: path)
        var request = ImportedRequest()
        request.ttftMs = try record.optionalNumber("time_to_first_token_ms")
        if let latency = try record.optionalNumber("request_latency") { request.e2eMs = latency * 1000 }
        request.outputTokens = try record.optionalInteger("output_tokens")
        request.inputTokens = try record.optionalInteger("prompt_tokens")
        request.startSeconds = try record.optionalNumber("request_start_time")
        request.endSeconds = try record.optionalNumber("request_end_time")
        return request
    }

    /// GuideLLM's own label of a strategy: its type, and `@` its streams or rate when it has one.
    private static func strategyName(_ strategy: JSONObject?) throws(FieldError) -> String? {
        guard let strategy else { return nil }
        var type = try strategy.optionalString("type_")
        if type == nil { type = try strategy.optionalString("type") }
        guard let type else { return nil }
        if let streams = try strategy.optionalNumber("streams") { return "\(type)@\(compact(streams))" }
        if let rate = try strategy.optionalNumber("rate") { return "\(type)@\(compact(rate))" }
        return type
    }

    private static func compact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
