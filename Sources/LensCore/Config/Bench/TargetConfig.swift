/// One endpoint to benchmark (an entry of `targets:`), with its credentials still unresolved.
public struct TargetConfig: Sendable, Equatable {
    /// The name scenarios refer to.
    public var name: String
    /// The provider preset.
    public var provider: Provider
    /// The protocol spoken (the preset's unless overridden).
    public var wireProtocol: WireProtocol
    /// The base URL requests go under (no trailing slash).
    public var baseURL: String
    /// The model name sent in requests (Azure: the deployment's model, informational).
    public var model: String
    /// Where the API key comes from; nil for keyless endpoints.
    public var apiKey: CredentialSource?
    /// Extra request headers; values may embed `${NAME}` and are treated as secrets.
    public var headers: [Header]
    /// Azure OpenAI: the `api-version` query parameter.
    public var apiVersion: String?
    /// Whether to call the health/model-listing endpoint before the first scenario of this target.
    public var healthCheck: Bool
    /// Where the entry is written, for errors found at run time.
    public var position: TextPosition
    /// The behaviour of an embedded simulator (`provider: simulator` only).
    public var simulator: SimulatedEndpoint?
    /// Whether and where to scrape the engine's Prometheus `/metrics` around each scenario.
    public var engineMetrics: EngineMetricsConfig?

    /// One extra header.
    public struct Header: Sendable, Equatable, Hashable {
        /// Header name.
        public var name: String
        /// Header value template.
        public var value: TemplatedValue

        /// Creates a header.
        public init(name: String, value: TemplatedValue) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a target.
    public init(
        name: String, provider: Provider, wireProtocol: WireProtocol? = nil, baseURL: String, model: String,
        apiKey: CredentialSource? = nil, headers: [Header] = [], apiVersion: String? = nil, healthCheck: Bool = true,
        position: TextPosition = .unknown
    ) {
        self.name = name
        self.provider = provider
        self.wireProtocol = wireProtocol ?? provider.preset.wireProtocol
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.headers = headers
        self.apiVersion = apiVersion
        self.healthCheck = healthCheck
        self.position = position
    }

    /// The URL of a generation request.
    public func generationURL(streaming: Bool) -> String {
        if provider == .azureOpenAI {
            return baseURL + "/chat/completions?api-version=" + (apiVersion ?? Self.defaultAzureAPIVersion)
        }
        return baseURL + wireProtocol.generationPath(streaming: streaming)
    }

    /// The URL checked before a run (model listing or health).
    public var healthURL: String {
        if provider == .azureOpenAI {
            return baseURL + "/models?api-version=" + (apiVersion ?? Self.defaultAzureAPIVersion)
        }
        return baseURL + wireProtocol.healthPath
    }

    /// The base URL of a simulator target before its embedded server has started.
    public static let embeddedSimulatorPlaceholder = "http://127.0.0.1:0/v1"

    /// The URL as it identifies the endpoint in fingerprints: an embedded simulator's port changes
    /// every run, so it is written as `embedded-simulator`; credentials inside it are masked.
    public var identifyingURL: String {
        // Credentials inside the URL are masked: a rotated key is the same endpoint, and the
        // canonical text must never hold a secret.
        provider == .simulator ? "embedded-simulator" : URLCredentials.masked(generationURL(streaming: true))
    }

    /// The Azure OpenAI GA API version used when the target names none.
    public static let defaultAzureAPIVersion = "2024-10-21"
}

extension TargetConfig {
    static let keys = [
        "provider", "protocol", "base_url", "model", "api_key", "headers", "deployment", "api_version",
        "region", "health_check", "simulator", "engine_metrics",
    ]

    /// Decodes one entry of `targets:`.
    init(name: String, yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        let providerNode = try mapping.required("provider")
        let provider = try providerNode.choice(Provider.self, at: mapping.path("provider"))
        let preset = provider.preset
        let wire = try mapping.optional("protocol")?.choice(WireProtocol.self, at: mapping.path("protocol"))
        func text(_ key: String) throws(FieldError) -> String? {
            guard let node = mapping.optional(key) else { return nil }
            let value = try node.string(at: mapping.path(key)).trimmingWhitespace
            guard !value.isEmpty else { throw FieldError(mapping.path(key), at: node.position, "must not be empty") }
            // These become part of a URL, which libcurl reads as a C string: a NUL would silently
            // shorten it, other control characters make it invalid or rewrite log lines.
            if Self.urlParts.contains(key), let bad = value.unicodeScalars.first(where: InertText.isUnsafe) {
                throw FieldError(
                    mapping.path(key), at: node.position,
                    "\(key) contains the control character \(InertText.escape(bad)); remove it (a URL cannot carry control characters)")
            }
            return String(value)
        }
        let model = try text("model")
        let deployment = try text("deployment")
        let region = try text("region")
        var baseURL = try text("base_url")
        if let url = baseURL, let node = mapping.optional("base_url") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                // Show what was written only when it looks like a URL (credentials masked): a value
                // without a scheme may be a key pasted into the wrong field.
                let found = url.contains("://") ? "found '\(InertText.singleLine(URLCredentials.masked(url)))'" : "found no scheme"
                throw FieldError(
                    mapping.path("base_url"), at: node.position,
                    "base_url must start with http:// or https:// (e.g. http://localhost:8000/v1), \(found)")
            }
            guard CredentialSource(reference: url) == nil, !url.contains("${") else {
                throw FieldError(
                    mapping.path("base_url"), at: node.position,
                    "base_url cannot refer to environment variables; put keys in api_key or headers")
            }
        }
        switch provider {
        case .azureOpenAI:
            guard let resource = baseURL else {
                throw FieldError(
                    path, at: node.position, "azure-openai needs base_url (the resource endpoint, e.g. https://NAME.openai.azure.com)")
            }
            guard let deployment else {
                throw FieldError(path, at: node.position, "azure-openai needs deployment (the deployment name of the model)")
            }
            // The resource endpoint with or without the /openai the portal sometimes shows.
            var root = Self.trimmed(resource)
            if root.lowercased().hasSuffix("/openai") { root.removeLast("/openai".count) }
            baseURL = root + "/openai/deployments/" + deployment
        case .bedrock:
            if baseURL == nil {
                guard let region else {
                    throw FieldError(path, at: node.position, "bedrock needs region (e.g. us-east-1) or base_url")
                }
                baseURL = "https://bedrock-runtime.\(region).amazonaws.com/openai/v1"
            }
        default:
            if deployment != nil, let node = mapping.optional("deployment") {
                throw FieldError(mapping.path("deployment"), at: node.position, "deployment applies to provider azure-openai only")
            }
        }
        guard var url = baseURL ?? preset.baseURL else {
            throw FieldError(path, at: node.position, "provider '\(provider.rawValue)' has no default URL: set base_url")
        }
        if provider != .azureOpenAI, provider != .simulator {
            switch BaseURL.normalized(url, provider: provider, wireProtocol: wire ?? preset.wireProtocol) {
            case .success(let root): url = root
            case .failure(let problem):
                throw FieldError(mapping.path("base_url"), at: mapping.optional("base_url")?.position ?? node.position, problem.reason)
            }
        }
        guard let model = model ?? deployment else {
            throw FieldError(path, at: node.position, "missing required key 'model'")
        }
        var apiKey: CredentialSource?
        if let keyNode = mapping.optional("api_key") {
            let written = try keyNode.string(at: mapping.path("api_key"))
            guard let source = CredentialSource(reference: written) else {
                // Never echo the value: it may be a real key pasted by mistake.
                throw FieldError(
                    mapping.path("api_key"), at: keyNode.position,
                    "api_key must name an environment variable, e.g. ${OPENAI_API_KEY}; keys written in config files end up in version control"
                )
            }
            apiKey = source
        } else if let variable = preset.keyVariable {
            apiKey = CredentialSource(variable: variable)
        }
        var headers: [Header] = []
        if let headersNode = mapping.optional("headers") {
            let headerMapping = try headersNode.mapping(at: mapping.path("headers"))
            for entry in headerMapping.entries {
                let value = try entry.value.string(at: headerMapping.path(entry.key))
                guard !entry.key.isEmpty, entry.key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
                    throw FieldError(
                        headerMapping.path(entry.key), at: entry.keyPosition,
                        "'\(InertText.singleLine(entry.key))' is not a valid HTTP header name")
                }
                // CR or LF would end the header line and start another (header injection); NUL would cut it short.
                guard !value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
                    throw FieldError(
                        headerMapping.path(entry.key), at: entry.value.position,
                        "header values cannot contain line breaks, NUL or other control characters")
                }
                let template = TemplatedValue(value)
                // A credential header is treated like api_key: its value must come from the environment.
                if SensitiveName.matches(entry.key), template.variables.isEmpty, !value.trimmingWhitespace.isEmpty {
                    // Never echo the value: it may be a real key pasted by mistake.
                    throw FieldError(
                        headerMapping.path(entry.key), at: entry.value.position,
                        "header '\(entry.key)' carries a credential, so its value must come from an environment variable, "
                            + "e.g. \(entry.key): \"\(Self.example(forHeader: entry.key))\"; values written in config files end up in version control"
                    )
                }
                headers.append(Header(name: entry.key, value: template))
            }
        }
        let apiVersion = try text("api_version")
        let healthCheck = try mapping.optional("health_check")?.bool(at: mapping.path("health_check")) ?? true
        self.init(
            name: name, provider: provider, wireProtocol: wire, baseURL: Self.trimmed(url), model: model, apiKey: apiKey,
            headers: headers, apiVersion: apiVersion, healthCheck: healthCheck, position: node.position)
        if let engineNode = mapping.optional("engine_metrics") {
            engineMetrics = try EngineMetricsConfig.read(yaml: engineNode, at: mapping.path("engine_metrics"))
        }
        if let simulatorNode = mapping.optional("simulator") {
            guard provider == .simulator else {
                throw FieldError(mapping.path("simulator"), at: simulatorNode.position, "simulator applies to provider simulator only")
            }
            simulator = try SimulatedEndpoint(yaml: simulatorNode, at: mapping.path("simulator"))
        } else if provider == .simulator {
            simulator = SimulatedEndpoint()
        }
        if provider == .simulator, baseURL != nil, let urlNode = mapping.optional("base_url") {
            throw FieldError(
                mapping.path("base_url"), at: urlNode.position,
                "an embedded simulator gets its URL when it starts; remove base_url (or use provider custom for a running 'lens-gate sim')")
        }
    }

    /// The keys whose text becomes part of a request URL.
    static let urlParts: Set<String> = ["base_url", "deployment", "region", "api_version"]

    /// How a credential header is written with an environment variable, for the remedy.
    static func example(forHeader name: String) -> String {
        let lowered = name.lowercased()
        if lowered == "authorization" || lowered == "proxy-authorization" { return "Bearer ${API_TOKEN}" }
        return "${" + (lowered == "cookie" ? "COOKIE" : "API_KEY") + "}"
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
