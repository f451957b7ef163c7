import LensCore

/// Where a target's server counts tokens: a tokenize URL and the dialect it speaks.
public struct TokenizeEndpoint: Sendable, Equatable {
    /// The dialect.
    public var dialect: TokenizeDialect
    /// The full URL (`<server root>/tokenize`).
    public var url: String
    /// The model name sent where the dialect takes one (vLLM).
    public var model: String

    /// Creates an endpoint.
    public init(dialect: TokenizeDialect, url: String, model: String) {
        self.dialect = dialect
        self.url = url
        self.model = model
    }

    /// The endpoints worth probing for a target, most likely first; empty for hosted APIs (they
    /// report usage, and an extra request there may cost money) and for servers without one (Ollama).
    ///
    /// The server root is the base URL without a trailing `/v1`: vLLM, llama.cpp and TGI serve
    /// `/tokenize` beside `/v1`, not under it.
    public static func candidates(for target: TargetConfig) -> [TokenizeEndpoint] {
        let dialects: [TokenizeDialect]
        switch target.provider {
        case .vllm: dialects = [.vllm]
        case .llamacpp: dialects = [.llamaCpp]
        case .tgi: dialects = [.tgi]
        case .custom, .simulator:
            switch target.wireProtocol {
            case .openAIChat, .openAICompletions: dialects = [.vllm, .llamaCpp, .tgi]
            case .tgi: dialects = [.tgi]
            case .anthropic, .ollamaChat, .ollamaGenerate: dialects = []
            }
        default: dialects = []
        }
        var root = target.baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        return dialects.map { TokenizeEndpoint(dialect: $0, url: root + TokenizeDialect.path, model: target.model) }
    }
}
