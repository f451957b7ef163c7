/// The HTTP API dialect a target speaks; decides the request body, path and stream framing.
public enum WireProtocol: String, Sendable, Equatable, Hashable, CaseIterable {
    /// OpenAI `/chat/completions` (SSE with `stream_options.include_usage`).
    case openAIChat = "openai-chat"
    /// OpenAI legacy `/completions` (SSE).
    case openAICompletions = "openai-completions"
    /// Anthropic Messages `/v1/messages` (SSE with named events).
    case anthropic = "anthropic"
    /// Ollama native `/api/chat` (NDJSON).
    case ollamaChat = "ollama-chat"
    /// Ollama native `/api/generate` (NDJSON).
    case ollamaGenerate = "ollama-generate"
    /// Hugging Face Text Generation Inference native `/generate_stream` and `/generate` (SSE).
    case tgi = "tgi"

    /// The path appended to the target's base URL for a generation request.
    public func generationPath(streaming: Bool) -> String {
        switch self {
        case .openAIChat: "/chat/completions"
        case .openAICompletions: "/completions"
        case .anthropic: "/v1/messages"
        case .ollamaChat: "/api/chat"
        case .ollamaGenerate: "/api/generate"
        case .tgi: streaming ? "/generate_stream" : "/generate"
        }
    }

    /// The path of the endpoint that lists models or reports health, checked before a scenario runs.
    public var healthPath: String {
        switch self {
        case .openAIChat, .openAICompletions: "/models"
        case .anthropic: "/v1/models"
        case .ollamaChat, .ollamaGenerate: "/api/tags"
        case .tgi: "/health"
        }
    }

    /// How streamed responses are framed.
    public var framing: Framing {
        switch self {
        case .ollamaChat, .ollamaGenerate: .ndjson
        default: .sse
        }
    }

    /// Stream framings.
    public enum Framing: String, Sendable {
        /// Server-sent events (`data: …` lines separated by blank lines).
        case sse
        /// Newline-delimited JSON objects.
        case ndjson
    }
}
