import Testing

@testable import LensCore

/// Every provider accepts its base URL with or without the API path, and builds the same request URL.
@Suite struct BaseURLTests {
    /// One provider: the forms a user may write and the generation URL each must give.
    struct Case: Sendable, CustomStringConvertible {
        var provider: String
        var extra: String = ""
        var forms: [String]
        var expected: String
        var description: String { provider + extra }
    }

    static let cases: [Case] = [
        Case(
            provider: "openai", forms: ["https://api.openai.com/v1", "https://api.openai.com"],
            expected: "https://api.openai.com/v1/chat/completions"),
        Case(
            provider: "anthropic", forms: ["https://api.anthropic.com", "https://api.anthropic.com/v1", "https://api.anthropic.com/v1/"],
            expected: "https://api.anthropic.com/v1/messages"),
        Case(
            provider: "google",
            forms: ["https://generativelanguage.googleapis.com/v1beta/openai", "https://generativelanguage.googleapis.com"],
            expected: "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions"),
        Case(
            provider: "mistral", forms: ["https://api.mistral.ai/v1", "https://api.mistral.ai"],
            expected: "https://api.mistral.ai/v1/chat/completions"),
        Case(
            provider: "groq", forms: ["https://api.groq.com/openai/v1", "https://api.groq.com"],
            expected: "https://api.groq.com/openai/v1/chat/completions"),
        Case(
            provider: "together", forms: ["https://api.together.xyz/v1", "https://api.together.xyz/"],
            expected: "https://api.together.xyz/v1/chat/completions"),
        Case(
            provider: "fireworks", forms: ["https://api.fireworks.ai/inference/v1", "https://api.fireworks.ai"],
            expected: "https://api.fireworks.ai/inference/v1/chat/completions"),
        Case(
            provider: "deepseek", forms: ["https://api.deepseek.com/v1", "https://api.deepseek.com"],
            expected: "https://api.deepseek.com/v1/chat/completions"),
        Case(
            provider: "perplexity", forms: ["https://api.perplexity.ai", "https://api.perplexity.ai/"],
            expected: "https://api.perplexity.ai/chat/completions"),
        Case(
            provider: "cohere", forms: ["https://api.cohere.ai/compatibility/v1", "https://api.cohere.ai"],
            expected: "https://api.cohere.ai/compatibility/v1/chat/completions"),
        Case(
            provider: "openrouter", forms: ["https://openrouter.ai/api/v1", "https://openrouter.ai"],
            expected: "https://openrouter.ai/api/v1/chat/completions"),
        Case(
            provider: "bedrock",
            forms: ["https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", "https://bedrock-runtime.us-east-1.amazonaws.com"],
            expected: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1/chat/completions"),
        Case(
            provider: "huggingface", forms: ["https://router.huggingface.co/v1", "https://router.huggingface.co"],
            expected: "https://router.huggingface.co/v1/chat/completions"),
        Case(
            provider: "tgi", forms: ["http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/"],
            expected: "http://127.0.0.1:8080/generate_stream"),
        Case(
            provider: "vllm", forms: ["http://127.0.0.1:8000/v1", "http://127.0.0.1:8000"],
            expected: "http://127.0.0.1:8000/v1/chat/completions"),
        Case(
            provider: "ollama", forms: ["http://127.0.0.1:11434", "http://127.0.0.1:11434/api", "http://127.0.0.1:11434/v1"],
            expected: "http://127.0.0.1:11434/api/chat"),
        Case(
            provider: "ollama", extra: ", protocol: openai-chat", forms: ["http://127.0.0.1:11434", "http://127.0.0.1:11434/v1"],
            expected: "http://127.0.0.1:11434/v1/chat/completions"),
        Case(
            provider: "llamacpp", forms: ["http://127.0.0.1:8080/v1", "http://127.0.0.1:8080"],
            expected: "http://127.0.0.1:8080/v1/chat/completions"),
        Case(
            provider: "custom", forms: ["http://127.0.0.1:9000/v1", "http://127.0.0.1:9000"],
            expected: "http://127.0.0.1:9000/v1/chat/completions"),
        Case(
            provider: "custom", extra: ", protocol: openai-completions", forms: ["http://127.0.0.1:9000/v1", "http://127.0.0.1:9000"],
            expected: "http://127.0.0.1:9000/v1/completions"),
        Case(
            provider: "custom", extra: ", protocol: anthropic", forms: ["http://127.0.0.1:9000", "http://127.0.0.1:9000/v1"],
            expected: "http://127.0.0.1:9000/v1/messages"),
        Case(
            provider: "custom", extra: ", protocol: ollama-generate", forms: ["http://127.0.0.1:9000", "http://127.0.0.1:9000/api"],
            expected: "http://127.0.0.1:9000/api/generate"),
        Case(
            provider: "custom", extra: ", protocol: openai-chat",
            forms: ["http://127.0.0.1:9000/proxy/llm", "http://127.0.0.1:9000/proxy/llm/"],
            expected: "http://127.0.0.1:9000/proxy/llm/chat/completions"),
        Case(
            provider: "azure-openai", extra: ", deployment: d",
            forms: ["https://r.openai.azure.com", "https://r.openai.azure.com/openai", "https://r.openai.azure.com/openai/"],
            expected: "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21"),
    ]

    func target(_ provider: String, _ extra: String, baseURL: String) throws -> TargetConfig {
        let yaml = "targets:\n  t: {provider: \(provider), model: m, base_url: \"\(baseURL)\"\(extra)}\n"
        let config = try LensConfig(yaml: yaml)
        return try #require(config.bench.targets.first)
    }

    @Test(arguments: cases)
    func everyFormGivesTheSameRequestURL(_ entry: Case) throws {
        for form in entry.forms {
            let built = try target(entry.provider, entry.extra, baseURL: form).generationURL(streaming: true)
            #expect(built == entry.expected, "base_url \(form)")
        }
    }

    @Test func theDefaultURLsAreUnchanged() throws {
        // Presets already have the right form: normalizing must leave them alone.
        for provider in Provider.allCases where provider.preset.baseURL != nil && provider != .simulator {
            let config = try LensConfig(yaml: "targets:\n  t: {provider: \(provider.rawValue), model: m}\n")
            #expect(config.bench.targets.first?.baseURL == provider.preset.baseURL, "\(provider)")
        }
    }

    @Test(arguments: [
        ("custom", "http://127.0.0.1:9000/v1/chat/completions", "write base_url: http://127.0.0.1:9000/v1"),
        ("anthropic", "https://api.anthropic.com/v1/messages/", "write base_url: https://api.anthropic.com"),
        ("ollama", "http://127.0.0.1:11434/api/chat", "write base_url: http://127.0.0.1:11434"),
        ("tgi", "http://127.0.0.1:8080/generate_stream", "write base_url: http://127.0.0.1:8080"),
    ])
    func aPastedRequestURLIsRefusedWithTheRoot(provider: String, written: String, suggestion: String) {
        do {
            _ = try LensConfig(yaml: "targets:\n  t: {provider: \(provider), model: m, base_url: \"\(written)\"}\n")
            Issue.record("accepted \(written)")
        } catch {
            #expect(error.description.contains("base_url ends with the request path"), "\(error)")
            #expect(error.description.contains(suggestion), "\(error)")
            #expect(error.position.line == 2, "\(error)")
        }
    }
}
