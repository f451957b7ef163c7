/// What to ask (an entry of `workloads:`): where prompts come from and the generation parameters.
public struct WorkloadConfig: Sendable, Equatable {
    /// The name scenarios refer to.
    public var name: String
    /// Where prompts come from.
    public var source: PromptSource
    /// An optional system message (chat protocols) or prefix (completion protocols).
    public var system: String?
    /// Maximum output tokens per request.
    public var maxTokens: Int
    /// Sampling temperature, if set.
    public var temperature: Double?
    /// Sampling seed sent to the server, if set; also seeds prompt selection.
    public var seed: UInt64?
    /// Whether to stream the response (TTFT and ITL need streaming).
    public var stream: Bool
    /// Ask the server to ignore end-of-sequence so every request produces `max_tokens` (vLLM, TGI).
    public var ignoreEOS: Bool
    /// Where the entry is written.
    public var position: TextPosition

    /// Creates a workload.
    public init(
        name: String, source: PromptSource, system: String? = nil, maxTokens: Int = 128, temperature: Double? = nil,
        seed: UInt64? = nil, stream: Bool = true, ignoreEOS: Bool = false, position: TextPosition = .unknown
    ) {
        self.name = name
        self.source = source
        self.system = system
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
        self.stream = stream
        self.ignoreEOS = ignoreEOS
        self.position = position
    }
}

/// Where a workload's prompts come from.
public enum PromptSource: Sendable, Equatable {
    /// One fixed prompt.
    case fixed(String)
    /// A JSONL file (one object per line, prompt text in `field`) or a text file (one prompt per non-empty line).
    case file(path: String, field: String, position: TextPosition)
    /// Generated prompts of about `inputTokens` tokens, asking for `outputTokens`.
    case synthetic(inputTokens: Int, inputSpread: Int)
    /// A template with `{name}` placeholders filled from the variables' value lists.
    case template(String, variables: [TemplateVariable])
}

/// One variable of a prompt template and the values it takes.
public struct TemplateVariable: Sendable, Equatable, Hashable {
    /// The placeholder name, written `{name}` in the template.
    public var name: String
    /// The values, picked per request.
    public var values: [String]

    /// Creates a variable.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

extension WorkloadConfig {
    static let keys = [
        "prompt", "prompts", "synthetic", "template", "variables", "system", "max_tokens", "temperature",
        "seed", "stream", "ignore_eos",
    ]
    /// Keys of `prompts:` written as a mapping (a prompt file with its JSONL field).
    static let promptFileKeys = ["file", "field"]
    /// Keys of `synthetic:`.
    static let syntheticKeys = ["input_tokens", "input_spread", "output_tokens"]

    /// Decodes one entry of `workloads:`.
    init(name: String, yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        let sources = ["prompt", "prompts", "synthetic", "template"].filter { mapping.optional($0) != nil }
        guard sources.count == 1 else {
            let reason =
                sources.isEmpty
                ? "a workload needs one prompt source: prompt, prompts (a file), synthetic or template"
                : "give only one prompt source, found: \(sources.joined(separator: ", "))"
            throw FieldError(path, at: node.position, reason)
        }
        var maxTokens = 128
        let source: PromptSource
        switch sources[0] {
        case "prompt":
            source = .fixed(try mapping.required("prompt").string(at: mapping.path("prompt")))
        case "prompts":
            let promptsNode = try mapping.required("prompts")
            let promptsPath = mapping.path("prompts")
            if case .mapping = promptsNode.value {
                let file = try promptsNode.mapping(at: promptsPath)
                try file.rejectUnknownKeys(allowed: Self.promptFileKeys)
                let fileNode = try file.required("file")
                source = .file(
                    path: try fileNode.string(at: file.path("file")),
                    field: try file.optional("field")?.string(at: file.path("field")) ?? "prompt",
                    position: fileNode.position)
            } else {
                source = .file(path: try promptsNode.string(at: promptsPath), field: "prompt", position: promptsNode.position)
            }
        case "synthetic":
            let synthetic = try mapping.required("synthetic").mapping(at: mapping.path("synthetic"))
            try synthetic.rejectUnknownKeys(allowed: Self.syntheticKeys)
            let input = try synthetic.required("input_tokens").integer(at: synthetic.path("input_tokens"), in: InputLimits.tokens)
            let spread =
                try synthetic.optional("input_spread")?.integer(at: synthetic.path("input_spread"), in: InputLimits.inputSpread) ?? 0
            if let output = synthetic.optional("output_tokens") {
                maxTokens = try output.integer(at: synthetic.path("output_tokens"), in: InputLimits.tokens)
            }
            source = .synthetic(inputTokens: input, inputSpread: min(spread, input - 1))
        default:
            let template = try mapping.required("template").string(at: mapping.path("template"))
            var variables: [TemplateVariable] = []
            if let variablesNode = mapping.optional("variables") {
                let variableMapping = try variablesNode.mapping(at: mapping.path("variables"))
                for entry in variableMapping.entries {
                    let values = try entry.value.stringList(at: variableMapping.path(entry.key))
                    guard !values.isEmpty else {
                        throw FieldError(variableMapping.path(entry.key), at: entry.value.position, "a variable needs at least one value")
                    }
                    variables.append(TemplateVariable(name: entry.key, values: values))
                }
            }
            let declared = Set(variables.map(\.name))
            let templatePosition = try mapping.required("template").position
            for placeholder in Self.placeholders(in: template) where !declared.contains(placeholder) {
                let hint = Suggestion.hint(for: placeholder, among: declared)
                throw FieldError(
                    mapping.path("template"), at: templatePosition,
                    "placeholder {\(placeholder)} has no entry under variables\(hint)")
            }
            source = .template(template, variables: variables)
        }
        if mapping.optional("variables") != nil, sources[0] != "template", let node = mapping.optional("variables") {
            throw FieldError(mapping.path("variables"), at: node.position, "variables apply to a template only")
        }
        if let node = mapping.optional("max_tokens") {
            maxTokens = try node.integer(at: mapping.path("max_tokens"), in: InputLimits.tokens)
        }
        let temperature = try mapping.optional("temperature")?.number(at: mapping.path("temperature"), in: InputLimits.temperature)
        let seed = try mapping.optional("seed")?.seed(at: mapping.path("seed"))
        self.init(
            name: name, source: source, system: try mapping.optional("system")?.string(at: mapping.path("system")),
            maxTokens: maxTokens, temperature: temperature, seed: seed,
            stream: try mapping.optional("stream")?.bool(at: mapping.path("stream")) ?? true,
            ignoreEOS: try mapping.optional("ignore_eos")?.bool(at: mapping.path("ignore_eos")) ?? false,
            position: node.position)
    }

    /// The `{name}` placeholders of a template, in order (`{{` and `}}` are literal braces).
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var characters = Array(template)[...]
        while let open = characters.firstIndex(of: "{") {
            let afterOpen = characters.index(after: open)
            if afterOpen < characters.endIndex, characters[afterOpen] == "{" {
                characters = characters[characters.index(after: afterOpen)...]
                continue
            }
            guard let close = characters[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(characters[afterOpen..<close])
            if !name.isEmpty, name.allSatisfy({ $0 == "_" || $0 == "-" || $0.isLetter || $0.isNumber }) { names.append(name) }
            characters = characters[characters.index(after: close)...]
        }
        return names
    }
}
