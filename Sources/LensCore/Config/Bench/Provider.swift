/// A known LLM API provider: its default base URL, how it authenticates and which protocol it speaks.
public enum Provider: String, Sendable, Equatable, Hashable, CaseIterable {
    /// OpenAI's API.
    case openai
    /// Azure OpenAI (deployment URL, `api-key` header, `api-version`).
    case azureOpenAI = "azure-openai"
    /// Anthropic's Messages API.
    case anthropic
    /// Google Gemini through its OpenAI-compatible endpoint.
    case google
    /// Mistral AI.
    case mistral
    /// Groq.
    case groq
    /// Together AI.
    case together
    /// Fireworks AI.
    case fireworks
    /// DeepSeek.
    case deepseek
    /// Perplexity.
    case perplexity
    /// Cohere through its compatibility API.
    case cohere
    /// OpenRouter.
    case openrouter
    /// Amazon Bedrock through its OpenAI-compatible endpoint with an API key.
    case bedrock
    /// Hugging Face Inference Providers (OpenAI-compatible router).
    case huggingface
    /// A self-hosted Text Generation Inference server (native API).
    case tgi
    /// A vLLM server (OpenAI-compatible).
    case vllm
    /// An Ollama server (native API).
    case ollama
    /// A llama.cpp server (OpenAI-compatible).
    case llamacpp
    /// Any endpoint: give base_url and, unless it speaks openai-chat, protocol.
    case custom
    /// lens-gate's own simulator, started in-process on a free port for the run (demos, dogfooding).
    case simulator

    /// How a provider expects its credential.
    public enum Authentication: Sendable, Equatable {
        /// `Authorization: Bearer <key>`.
        case bearer
        /// The key as the whole value of a named header (`api-key`, `x-api-key`).
        case header(String)
    }

    /// The preset of a provider.
    public struct Preset: Sendable, Equatable {
        /// The base URL requests are sent under; nil when the user must give one.
        public var baseURL: String?
        /// How the key is sent.
        public var authentication: Authentication
        /// The protocol spoken unless the target overrides it.
        public var wireProtocol: WireProtocol
        /// The environment variable read for the key when the target names none; nil for keyless servers.
        public var keyVariable: String?
        /// Whether a request without a key is certain to fail (hosted APIs).
        public var requiresKey: Bool
        /// Extra headers every request carries (e.g. `anthropic-version`).
        public var fixedHeaders: [(String, String)]

        /// Equal when every field is equal.
        public static func == (lhs: Preset, rhs: Preset) -> Bool {
            lhs.baseURL == rhs.baseURL && lhs.authentication == rhs.authentication && lhs.wireProtocol == rhs.wireProtocol
                && lhs.keyVariable == rhs.keyVariable && lhs.requiresKey == rhs.requiresKey
                && lhs.fixedHeaders.map(\.0) == rhs.fixedHeaders.map(\.0) && lhs.fixedHeaders.map(\.1) == rhs.fixedHeaders.map(\.1)
        }
    }

    /// The provider's preset (base URLs as documented by each provider's OpenAI-compatible or native API).
    public var preset: Preset {
        func hosted(_ url: String, _ variable: String, _ wire: WireProtocol = .openAIChat) -> Preset {
            Preset(baseURL: url, authentication: .bearer, wireProtocol: wire, keyVariable: variable, requiresKey: true, fixedHeaders: [])
        }
        func local(_ url: String?, _ wire: WireProtocol, _ variable: String? = nil) -> Preset {
            Preset(baseURL: url, authentication: .bearer, wireProtocol: wire, keyVariable: variable, requiresKey: false, fixedHeaders: [])
        }
        switch self {
        case .openai: return hosted("https://api.openai.com/v1", "OPENAI_API_KEY")
        case .azureOpenAI:
            // The base URL is the resource endpoint; the deployment path and api-version are added per request.
            return Preset(
                baseURL: nil, authentication: .header("api-key"), wireProtocol: .openAIChat,
                keyVariable: "AZURE_OPENAI_API_KEY", requiresKey: true, fixedHeaders: [])
        case .anthropic:
            return Preset(
                baseURL: "https://api.anthropic.com", authentication: .header("x-api-key"), wireProtocol: .anthropic,
                keyVariable: "ANTHROPIC_API_KEY", requiresKey: true, fixedHeaders: [("anthropic-version", "2023-06-01")])
        case .google: return hosted("https://generativelanguage.googleapis.com/v1beta/openai", "GEMINI_API_KEY")
        case .mistral: return hosted("https://api.mistral.ai/v1", "MISTRAL_API_KEY")
        case .groq: return hosted("https://api.groq.com/openai/v1", "GROQ_API_KEY")
        case .together: return hosted("https://api.together.xyz/v1", "TOGETHER_API_KEY")
        case .fireworks: return hosted("https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY")
        case .deepseek: return hosted("https://api.deepseek.com/v1", "DEEPSEEK_API_KEY")
        case .perplexity: return hosted("https://api.perplexity.ai", "PERPLEXITY_API_KEY")
        case .cohere: return hosted("https://api.cohere.ai/compatibility/v1", "CO_API_KEY")
        case .openrouter: return hosted("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY")
        case .bedrock:
            // Bedrock's OpenAI-compatible endpoint is regional; the target's `region` fills the host.
            return Preset(
                baseURL: nil, authentication: .bearer, wireProtocol: .openAIChat,
                keyVariable: "AWS_BEARER_TOKEN_BEDROCK", requiresKey: true, fixedHeaders: [])
        case .huggingface: return hosted("https://router.huggingface.co/v1", "HF_TOKEN")
        case .tgi: return local(nil, .tgi)
        case .vllm: return local("http://127.0.0.1:8000/v1", .openAIChat)
        case .ollama: return local("http://127.0.0.1:11434", .ollamaChat)
        case .llamacpp: return local("http://127.0.0.1:8080/v1", .openAIChat)
        case .custom: return local(nil, .openAIChat)
        // The port is assigned when the embedded simulator starts; this placeholder is replaced then.
        case .simulator: return local(TargetConfig.embeddedSimulatorPlaceholder, .openAIChat)
        }
    }
}
