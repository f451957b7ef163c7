import Foundation
import LensCore
import Testing

@testable import Bench

/// Prompt sources: files (JSONL and text), synthetic lengths, templates; and the request bodies built from them.
@Suite struct PromptSetTests {
    func workload(_ yaml: String) throws -> WorkloadConfig {
        try #require(LensConfig(yaml: "workloads:\n  w: \(yaml)\n").bench.workloads.first)
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test func jsonlAndTextFiles() throws {
        let jsonl = try temporaryFile("p.jsonl", "{\"text\": \"first\"}\n\n{\"text\": \"second \\\"quoted\\\"\"}\n")
        let set = try PromptSet(workload: try workload("{prompts: {file: p.jsonl, field: text}}"), baseDirectory: jsonl, seed: 1)
        #expect(set.prompts.map(\.text) == ["first", "second \"quoted\""])
        let text = try temporaryFile("p.txt", "alpha beta\n\n  gamma  \n")
        let lines = try PromptSet(workload: try workload("{prompts: p.txt}"), baseDirectory: text, seed: 1)
        #expect(lines.prompts.map(\.text) == ["alpha beta", "gamma"])
    }

    @Test func badPromptFilesNameTheFileAndLine() throws {
        let directory = try temporaryFile("bad.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": 3}\n")
        #expect(throws: InputError.self) {
            try PromptSet(workload: try workload("{prompts: bad.jsonl}"), baseDirectory: directory, seed: 1)
        }
        do {
            _ = try PromptSet(workload: try workload("{prompts: bad.jsonl}"), baseDirectory: directory, seed: 1)
        } catch let error as InputError {
            #expect(error.description.hasPrefix("bad.jsonl:2:1"))
        }
        do {
            _ = try PromptSet(workload: try workload("{prompts: missing.jsonl}"), baseDirectory: directory, seed: 1)
            Issue.record("a missing file must fail")
        } catch let error as InputError {
            #expect(error.description.contains("missing.jsonl"))
            #expect(error.description.contains("not found"))
        }
    }

    @Test func syntheticPromptsHaveTheRequestedLength() throws {
        let set = try PromptSet(
            workload: try workload("{synthetic: {input_tokens: 200, input_spread: 20, output_tokens: 32}}"),
            baseDirectory: ".", seed: 3)
        #expect(set.prompts.count == PromptSet.generatedVariety)
        for prompt in set.prompts {
            let words = prompt.text.split(separator: " ").count
            #expect((180...220).contains(words))
            #expect(prompt.estimatedTokens == words)
        }
        #expect(Set(set.prompts.map(\.text)).count == set.prompts.count, "prompts differ, so prefix caches cannot flatter")
        let again = try PromptSet(workload: try workload("{synthetic: {input_tokens: 200, input_spread: 20}}"), baseDirectory: ".", seed: 3)
        #expect(again.prompts == set.prompts, "same seed, same prompts")
    }

    @Test func templatesFillEveryPlaceholder() throws {
        let set = try PromptSet(
            workload: try workload(
                "{template: 'Write {n} lines about {topic} {{literally}}', variables: {topic: [cats, dogs], n: [2, 3]}}"),
            baseDirectory: ".", seed: 1)
        let texts = Set(set.prompts.map(\.text))
        #expect(texts.count == 4)
        #expect(texts.contains("Write 3 lines about dogs {literally}"))
    }

    @Test func requestBodiesSpeakEachDialect() throws {
        var workload = try workload("{prompt: hi, max_tokens: 7, temperature: 0, seed: 5, system: 'be brief'}")
        func body(_ wire: WireProtocol) throws -> [String: JSONNode] {
            let bytes = RequestBodyEncoder(wire: wire, model: "m", workload: workload).body(prompt: "hi \"there\"")
            guard case .object(let members) = try JSONParser.parse(bytes).value else { throw FieldError(.root, "not an object") }
            return Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
        }
        let chat = try body(.openAIChat)
        #expect(chat["max_tokens"]?.value == .number(7))
        #expect(chat["stream"]?.value == .bool(true))
        #expect(chat["seed"]?.value == .number(5))
        #expect(chat["stream_options"] != nil)
        let anthropic = try body(.anthropic)
        #expect(anthropic["system"]?.value == .string("be brief"))
        #expect(anthropic["seed"] == nil, "Anthropic has no seed parameter")
        let ollama = try body(.ollamaGenerate)
        #expect(ollama["prompt"]?.value == .string("hi \"there\""))
        if case .object(let options)? = ollama["options"]?.value {
            #expect(options.first { $0.key == "num_predict" }?.value.value == .number(7))
        } else {
            Issue.record("ollama options missing")
        }
        let tgi = try body(.tgi)
        if case .object(let parameters)? = tgi["parameters"]?.value {
            #expect(parameters.first { $0.key == "max_new_tokens" }?.value.value == .number(7))
            #expect(!parameters.contains { $0.key == "temperature" }, "TGI refuses temperature 0")
        } else {
            Issue.record("tgi parameters missing")
        }
        workload.stream = false
        #expect(try body(.openAIChat)["stream_options"] == nil)
    }
}
