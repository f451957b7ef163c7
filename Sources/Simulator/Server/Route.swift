import NIOHTTP1

/// What a request asks for, decided from its method and path alone.
enum Route: Equatable {
    /// A generation endpoint.
    case generate(Endpoint)
    /// `GET /health` (OpenAI-compatible servers and TGI).
    case health
    /// `GET /v1/models`.
    case openAIModels
    /// `GET /api/tags`.
    case ollamaTags
    /// `GET /api/version`.
    case ollamaVersion
    /// `GET /info` (TGI).
    case tgiInfo
    /// `GET /metrics`: the simulator's engine figures in vLLM's Prometheus names.
    case metrics
    /// `GET /` (Ollama answers "Ollama is running").
    case root
    /// `POST /tokenize` (only when the simulator serves a tokenizer).
    case tokenize
    /// A known path with the wrong method.
    case methodNotAllowed(allowed: String)
    /// Anything else.
    case notFound

    /// Routes a request; the query string is ignored. `/tokenize` exists only when `tokenizes`.
    init(method: HTTPMethod, uri: String, tokenizes: Bool = false) {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if let endpoint = Endpoint(rawValue: String(path)) {
            self = method == .POST ? .generate(endpoint) : .methodNotAllowed(allowed: "POST")
            return
        }
        if tokenizes, path == "/tokenize" {
            self = method == .POST ? .tokenize : .methodNotAllowed(allowed: "POST")
            return
        }
        let get: Route
        switch path {
        case "/health": get = .health
        case "/v1/models": get = .openAIModels
        case "/api/tags": get = .ollamaTags
        case "/api/version": get = .ollamaVersion
        case "/info": get = .tgiInfo
        case "/metrics": get = .metrics
        case "/": get = .root
        default:
            self = .notFound
            return
        }
        self = method == .GET ? get : .methodNotAllowed(allowed: "GET")
    }
}
