/// A family of LLM serving APIs the simulator speaks.
public enum API: String, Sendable, Equatable, CaseIterable {
    /// OpenAI-compatible (OpenAI, vLLM, llama.cpp server, TGI's Messages API).
    case openAI = "openai"
    /// Anthropic Messages.
    case anthropic = "anthropic"
    /// Ollama's native API.
    case ollama = "ollama"
    /// Hugging Face Text Generation Inference's native API.
    case tgi = "tgi"
}

/// A generation endpoint of one of the simulated APIs.
public enum Endpoint: String, Sendable, Equatable, CaseIterable {
    /// `POST /v1/chat/completions`.
    case openAIChatCompletions = "/v1/chat/completions"
    /// `POST /v1/completions`.
    case openAICompletions = "/v1/completions"
    /// `POST /v1/messages`.
    case anthropicMessages = "/v1/messages"
    /// `POST /api/chat`.
    case ollamaChat = "/api/chat"
    /// `POST /api/generate`.
    case ollamaGenerate = "/api/generate"
    /// `POST /generate` (never streams).
    case tgiGenerate = "/generate"
    /// `POST /generate_stream` (always streams).
    case tgiGenerateStream = "/generate_stream"

    /// The API family this endpoint belongs to.
    public var api: API {
        switch self {
        case .openAIChatCompletions, .openAICompletions: return .openAI
        case .anthropicMessages: return .anthropic
        case .ollamaChat, .ollamaGenerate: return .ollama
        case .tgiGenerate, .tgiGenerateStream: return .tgi
        }
    }

    /// The request path.
    public var path: String { rawValue }
}
