import LensCore

/// Writes the JSON body of a generation request in a protocol's dialect (compact, UTF-8).
struct RequestBodyEncoder {
    /// The protocol.
    let wire: WireProtocol
    /// The model name.
    let model: String
    /// The generation parameters.
    let workload: WorkloadConfig

    /// The body for one prompt.
    func body(prompt: String) -> [UInt8] {
        var out = JSONObjectWriter()
        let stream = workload.stream
        switch wire {
        case .openAIChat, .openAICompletions:
            out.string("model", model)
            if wire == .openAIChat {
                out.raw("messages", messages(prompt))
            } else {
                out.string("prompt", workload.system.map { $0 + "\n\n" + prompt } ?? prompt)
            }
            out.integer("max_tokens", workload.maxTokens)
            if let temperature = workload.temperature { out.number("temperature", temperature) }
            if let seed = workload.seed { out.integer("seed", Int(clamping: seed)) }
            if workload.ignoreEOS { out.raw("ignore_eos", Array("true".utf8)) }
            out.raw("stream", Array((stream ? "true" : "false").utf8))
            // Without include_usage the server sends no token counts in a stream.
            if stream { out.raw("stream_options", Array(#"{"include_usage":true}"#.utf8)) }
        case .anthropic:
            out.string("model", model)
            out.integer("max_tokens", workload.maxTokens)
            if let system = workload.system { out.string("system", system) }
            out.raw("messages", messages(prompt, includeSystem: false))
            if let temperature = workload.temperature { out.number("temperature", min(temperature, 1)) }
            out.raw("stream", Array((stream ? "true" : "false").utf8))
        case .ollamaChat, .ollamaGenerate:
            out.string("model", model)
            if wire == .ollamaChat {
                out.raw("messages", messages(prompt))
            } else {
                out.string("prompt", prompt)
                if let system = workload.system { out.string("system", system) }
            }
            out.raw("stream", Array((stream ? "true" : "false").utf8))
            var options = JSONObjectWriter()
            options.integer("num_predict", workload.maxTokens)
            if let temperature = workload.temperature { options.number("temperature", temperature) }
            if let seed = workload.seed { options.integer("seed", Int(clamping: seed)) }
            out.raw("options", options.finish())
        case .tgi:
            out.string("inputs", workload.system.map { $0 + "\n\n" + prompt } ?? prompt)
            var parameters = JSONObjectWriter()
            parameters.integer("max_new_tokens", workload.maxTokens)
            // TGI rejects temperature 0; greedy decoding is its default when no temperature is sent.
            if let temperature = workload.temperature, temperature > 0 { parameters.number("temperature", temperature) }
            if let seed = workload.seed { parameters.integer("seed", Int(clamping: seed)) }
            parameters.raw("details", Array("true".utf8))
            out.raw("parameters", parameters.finish())
            if stream { out.raw("stream", Array("true".utf8)) }
        }
        return out.finish()
    }

    private func messages(_ prompt: String, includeSystem: Bool = true) -> [UInt8] {
        var items: [[UInt8]] = []
        if includeSystem, let system = workload.system {
            var message = JSONObjectWriter()
            message.string("role", "system")
            message.string("content", system)
            items.append(message.finish())
        }
        var message = JSONObjectWriter()
        message.string("role", "user")
        message.string("content", prompt)
        items.append(message.finish())
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }
}

/// Builds one compact JSON object member by member.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    private mutating func key(_ name: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        JSONWriter.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String) {
        key(name)
        JSONWriter.appendString(value, to: &bytes)
    }

    mutating func integer(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func number(_ name: String, _ value: Double) {
        key(name)
        JSONWriter.appendNumber(value, to: &bytes)
    }

    mutating func raw(_ name: String, _ json: [UInt8]) {
        key(name)
        bytes.append(contentsOf: json)
    }

    func finish() -> [UInt8] { bytes + [UInt8(ascii: "}")] }
}
