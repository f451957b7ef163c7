import Foundation
import TestSupport
import Testing

/// `lens-gate init` writes a config that `lens-gate validate` accepts, for every provider.
@Suite struct InitValidateTests {
    static let providers = [
        "simulator", "openai", "azure-openai", "anthropic", "google", "mistral", "groq", "together",
        "fireworks", "deepseek", "perplexity", "cohere", "openrouter", "bedrock", "huggingface", "tgi",
        "vllm", "ollama", "llamacpp", "custom",
    ]

    @Test(arguments: providers)
    func starterConfigValidates(provider: String) throws {
        let directory = Scratch.directory()
        let written = try LensGateBinary.run(["init", "--provider", provider], in: directory)
        #expect(written.status == 0, "\(written.stderr)")
        let checked = try LensGateBinary.run(["validate"], in: directory)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("lens-gate.yaml: valid — 1 target, 1 workload, 1 scenario"))
    }

    @Test func initRefusesToOverwriteAndValidateNamesTheLine() throws {
        let directory = Scratch.directory()
        #expect(try LensGateBinary.run(["init"], in: directory).status == 0)
        let again = try LensGateBinary.run(["init"], in: directory)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists (pass --force to overwrite)"))
        try "targets:\n  a: {provider: openia, model: m}\n".write(
            to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let bad = try LensGateBinary.run(["validate"], in: directory)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("lens-gate.yaml:2:"))
        #expect(bad.stderr.contains("did you mean 'openai'?"))
    }
}
