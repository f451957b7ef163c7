import LensCore

/// Reads GenAI-Perf's `profile_export.json`: perf_analyzer's send and response timestamps (ns)
/// with the raw responses, one scenario per experiment (`concurrency-8`, `request_rate-2`).
///
/// A response counts as a token when it carries content (an OpenAI stream's delta or text, or
/// Triton's `text_output`); output tokens are those chunks (`token_source: counted`), as
/// lens-gate counts a stream without usage.
enum GenAIPerfReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        let experiments = try object.required("experiments").elements(at: object.path("experiments"))
        var scenarios: [ImportedScenario] = []
        for (index, node) in experiments.enumerated() {
            let path = object.path("experiments").appending(index)
            let experiment = try node.object(at: path)
            var requests: [ImportedRequest] = []
            for (requestIndex, requestNode) in (try experiment.optionalElements("requests") ?? []).enumerated() {
                requests.append(try request(requestNode, at: experiment.path("requests").appending(requestIndex)))
            }
            scenarios.append(
                ImportedScenario(name: try name(experiment, index: index), model: nil, requests: requests, tokenSource: .counted))
        }
        return scenarios
    }

    private static func name(_ experiment: JSONObject, index: Int) throws(FieldError) -> String {
        guard let settings = try experiment.optionalObject("experiment"), let mode = try settings.optionalString("mode") else {
            return "experiment-\(index)"
        }
        guard let value = try settings.optionalNumber("value") else { return mode }
        return value == value.rounded() && abs(value) < 1e15 ? "\(mode)-\(Int(value))" : "\(mode)-\(value)"
    }

    private static func request(_ node: JSONNode, at path: FieldPath) throws(FieldError) -> ImportedRequest {
        let record = try node.object(at: path)
        let sent = try record.required("timestamp").number(at: record.path("timestamp"))
        let times = try record.optionalNumbers("response_timestamps") ?? []
        let outputs = try record.optionalElements("response_outputs") ?? []
        var request = ImportedRequest(startSeconds: sent / 1e9, endSeconds: times.last.map { $0 / 1e9 })
        let contentTimes = zip(times, outputs).filter { carriesContent($0.1) }.map(\.0)
        guard let first = contentTimes.first, let last = times.last, first >= sent else {
            request.succeeded = false
            request.errorClass = .emptyResponse
            return request
        }
        request.ttftMs = (first - sent) / 1e6
        request.e2eMs = (last - sent) / 1e6
        request.chunkGapsMs = zip(contentTimes.dropFirst(), contentTimes).map { ($0 - $1) / 1e6 }
        request.outputTokens = contentTimes.count
        return request
    }

    /// Whether one recorded response carries generated text.
    private static func carriesContent(_ output: JSONNode) -> Bool {
        if case .string(let text)? = output.value["text_output"] { return !text.isEmpty }
        guard case .string(let raw)? = output.value["response"] else { return false }
        var body = Substring(raw).drop { $0 == " " || $0 == "\n" }
        if body.hasPrefix("data:") { body = body.dropFirst(5) }
        guard let event = try? JSONParser.parse(String(body)), case .array(let choices)? = event.value["choices"] else { return false }
        return choices.contains { choice in
            if case .string(let text)? = choice.value["delta"]?["content"], !text.isEmpty { return true }
            if case .string(let text)? = choice.value["text"], !text.isEmpty { return true }
            return false
        }
    }
}
