import LensCore

/// Reads `vllm bench serve --save-result --save-detailed`: parallel per-request arrays, times in
/// seconds, and `itls` as each request's chunk gaps.
enum VLLMBenchReader {
    static func scenarios(_ root: JSONNode) throws(FieldError) -> [ImportedScenario] {
        let object = try root.object(at: .root)
        guard let ttfts = try object.optionalNumbers("ttfts"), let latencies = try object.optionalNumbers("latencies") else {
            throw FieldError(
                .root, at: root.position,
                "no per-request data (`ttfts`, `latencies`): save it with `vllm bench serve --save-result --save-detailed`")
        }
        let count = latencies.count
        let itls = try object.optionalElements("itls")
        let outputLengths = try object.optionalNumbers("output_lens")
        let inputLengths = try object.optionalNumbers("input_lens")
        let errors = try object.optionalElements("errors")
        for (key, length) in [
            ("ttfts", ttfts.count), ("itls", itls?.count), ("output_lens", outputLengths?.count),
            ("input_lens", inputLengths?.count), ("errors", errors?.count),
        ] {
            if let length, length != count {
                throw FieldError(
                    object.path(key), at: object.optional(key)?.position ?? root.position,
                    "\(length) entries, but `latencies` has \(count): the per-request arrays must be parallel")
            }
        }
        var requests: [ImportedRequest] = []
        for index in 0..<count {
            var request = ImportedRequest()
            if let errorNode = errors?[index], case .string(let text) = errorNode.value, !text.isEmpty {
                request.succeeded = false
                request.errorClass = ForeignErrorText.errorClass(of: text)
                requests.append(request)
                continue
            }
            request.ttftMs = try nonNegative(ttfts[index], "ttfts", index, object) * 1000
            request.e2eMs = try nonNegative(latencies[index], "latencies", index, object) * 1000
            if let itls {
                let gaps = try itls[index].numbers(at: object.path("itls").appending(index))
                request.chunkGapsMs = gaps.map { $0 * 1000 }
            }
            if let outputLengths { request.outputTokens = try tokenCount(outputLengths[index], "output_lens", index, object) }
            if let inputLengths { request.inputTokens = try tokenCount(inputLengths[index], "input_lens", index, object) }
            requests.append(request)
        }
        let name = try object.optionalString("label") ?? "vllm-bench-serve"
        return [
            ImportedScenario(
                name: name, model: try object.optionalString("model_id"), requests: requests,
                durationSeconds: try object.optionalNumber("duration"))
        ]
    }

    private static func tokenCount(_ value: Double, _ key: String, _ index: Int, _ object: JSONObject) throws(FieldError) -> Int {
        guard let count = ForeignUnit.count(value) else {
            throw FieldError(
                object.path(key).appending(index), at: object.optional(key)?.position ?? .unknown, "expected a token count, found \(value)")
        }
        return count
    }

    private static func nonNegative(_ value: Double, _ key: String, _ index: Int, _ object: JSONObject) throws(FieldError) -> Double {
        guard value >= 0 else {
            throw FieldError(object.path(key).appending(index), at: object.optional(key)?.position ?? .unknown, "negative time \(value)")
        }
        return value
    }
}
