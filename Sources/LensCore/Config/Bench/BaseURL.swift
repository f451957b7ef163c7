/// How a target's written `base_url` becomes the root its request paths are appended to.
///
/// Providers disagree about what "base URL" means: OpenAI-style APIs put the version in it
/// (`http://host:8000/v1` + `/chat/completions`), Anthropic, Ollama and TGI put it in the request
/// path (`https://api.anthropic.com` + `/v1/messages`). Users write either form, so both are
/// accepted for every provider: a trailing slash is dropped; a prefix the protocol's paths already
/// carry (`/v1` for Anthropic and TGI, `/api` or `/v1` for Ollama) is not added twice; and a
/// host-only URL for an OpenAI-style protocol gets the provider's API path (`/v1` unless the
/// preset says otherwise). A URL that already ends with a request path is refused with the fix.
public enum BaseURL {
    /// The root to use for `written` (trailing slashes removed, doubled prefixes removed, missing
    /// API path added), or a reason the URL cannot be used.
    public static func normalized(_ written: String, provider: Provider, wireProtocol: WireProtocol) -> Result<String, Problem> {
        var url = written
        while url.hasSuffix("/") { url.removeLast() }
        let lowered = url.lowercased()
        for path in requestPaths(wireProtocol) where lowered.hasSuffix(path) {
            let root = String(url.dropLast(path.count))
            return .failure(Problem(endpointPath: path, suggestion: root))
        }
        for prefix in carriedPrefixes(wireProtocol) where lowered.hasSuffix(prefix) {
            return .success(String(url.dropLast(prefix.count)))
        }
        if hasNoPath(url), let path = apiPath(provider: provider, wireProtocol: wireProtocol) {
            return .success(url + path)
        }
        return .success(url)
    }

    /// A `base_url` that names a whole request URL instead of the API root.
    public struct Problem: Error, Sendable, Equatable {
        /// The request path found at the end (`/chat/completions`).
        public var endpointPath: String
        /// The base URL to write instead.
        public var suggestion: String

        /// The message for the config error.
        public var reason: String {
            "base_url ends with the request path \(endpointPath), which lens-gate adds itself; write base_url: \(suggestion)"
        }
    }

    /// The paths a protocol appends for generation, longest first (to detect a pasted request URL).
    static func requestPaths(_ wireProtocol: WireProtocol) -> [String] {
        let paths = Set([wireProtocol.generationPath(streaming: true), wireProtocol.generationPath(streaming: false)])
        return paths.sorted { $0.count > $1.count }
    }

    /// Path prefixes the protocol's request paths start with, so a base URL ending in one would double it.
    static func carriedPrefixes(_ wireProtocol: WireProtocol) -> [String] {
        switch wireProtocol {
        case .anthropic, .tgi: ["/v1"]
        case .ollamaChat, .ollamaGenerate: ["/api", "/v1"]
        case .openAIChat, .openAICompletions: []
        }
    }

    /// The API path an OpenAI-style protocol needs after a host-only URL: the provider preset's
    /// path when its preset speaks an OpenAI protocol, else `/v1` (vLLM, llama.cpp, Ollama's
    /// OpenAI-compatible API and most proxies). Nil for protocols whose request paths carry it.
    static func apiPath(provider: Provider, wireProtocol: WireProtocol) -> String? {
        guard wireProtocol == .openAIChat || wireProtocol == .openAICompletions else { return nil }
        switch provider {
        case .azureOpenAI: return nil
        case .bedrock: return "/openai/v1"
        default: break
        }
        let preset = provider.preset
        if preset.wireProtocol == .openAIChat || preset.wireProtocol == .openAICompletions, let presetURL = preset.baseURL,
            provider != .simulator
        {
            return path(of: presetURL)
        }
        return "/v1"
    }

    /// Whether a URL names only a scheme, host and port.
    static func hasNoPath(_ url: String) -> Bool { path(of: url).isEmpty }

    /// The path of an absolute URL (`""` when there is none), query excluded.
    static func path(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = rest[slash...]
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        var text = String(path)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
