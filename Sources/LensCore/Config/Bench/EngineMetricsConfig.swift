/// A target's `engine_metrics`: scrape the serving engine's Prometheus `/metrics` before and after
/// each scenario's measured phase and record per-scenario engine figures.
///
/// `engine_metrics: true` scrapes `<server root>/metrics` (the base URL without its `/v1`, where
/// vLLM, SGLang, llama.cpp and TGI serve it); a mapping names another `url` and families to
/// `include` beside the curated ones.
public struct EngineMetricsConfig: Sendable, Equatable {
    /// The page to scrape; nil for `<server root>/metrics`.
    public var url: String?
    /// Families to record beside the curated ones, as the page names them.
    public var include: [String]

    /// Creates a config.
    public init(url: String? = nil, include: [String] = []) {
        self.url = url
        self.include = include
    }

    /// The URL to scrape for a target whose requests go under `baseURL`.
    public func url(baseURL: String) -> String {
        if let url { return url }
        var root = baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        return root + "/metrics"
    }

    static let keys = ["url", "include"]

    /// Reads `engine_metrics`: a boolean (nil when false) or a mapping.
    static func read(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) -> EngineMetricsConfig? {
        if case .scalar = node.value {
            return try node.bool(at: path) ? EngineMetricsConfig() : nil
        }
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: keys)
        var config = EngineMetricsConfig()
        if let urlNode = mapping.optional("url") {
            let url = String(try urlNode.string(at: mapping.path("url")).trimmingWhitespace)
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw FieldError(
                    mapping.path("url"), at: urlNode.position,
                    "url must start with http:// or https:// (e.g. http://127.0.0.1:8000/metrics)")
            }
            if let bad = url.unicodeScalars.first(where: { InertText.isUnsafe($0) || $0 == " " }) {
                throw FieldError(
                    mapping.path("url"), at: urlNode.position,
                    "url contains \(bad == " " ? "a space" : "the control character " + InertText.escape(bad)); a URL cannot carry it")
            }
            guard CredentialSource(reference: url) == nil, !url.contains("${") else {
                throw FieldError(
                    mapping.path("url"), at: urlNode.position,
                    "url cannot refer to environment variables; the target's headers are sent with the scrape")
            }
            config.url = url
        }
        if let includeNode = mapping.optional("include") {
            let names = try includeNode.stringList(at: mapping.path("include"))
            for (index, name) in names.enumerated() where !ExpositionParser.isMetricName(name) {
                throw FieldError(
                    mapping.path("include").appending(index), at: includeNode.position,
                    "'\(InertText.singleLine(String(name.prefix(80))))' is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)")
            }
            config.include = names
        }
        return config
    }
}
