import LensCore
import Testing

@testable import Bench

/// The tokenize request and response shapes of vLLM, llama.cpp's server and TGI, as those servers
/// document and send them, and which endpoints a target probes.
@Suite struct TokenizeDialectTests {
    @Test func bodiesCarryTheEscapedTextAndTurnSpecialTokensOff() throws {
        let text = Array(#"caf\u00e9 \"quoted\" 😀"#.utf8)[...]
        for dialect in TokenizeDialect.allCases {
            let body = dialect.body(escapedText: text, model: "m\"odel")
            let parsed = try JSONParser.parse(body).value
            let field =
                switch dialect {
                case .vllm: "prompt"
                case .llamaCpp: "content"
                case .tgi: "inputs"
                }
            #expect(parsed[field] == .string("café \"quoted\" 😀"), "\(dialect)")
            let special = dialect == .llamaCpp ? "add_special" : "add_special_tokens"
            #expect(parsed[special] == .bool(false), "\(dialect)")
            if dialect == .vllm { #expect(parsed["model"] == .string("m\"odel")) }
        }
    }

    @Test func countsAreReadFromEachShape() {
        func count(_ dialect: TokenizeDialect, _ text: String) -> Int? { dialect.count(in: Array(text.utf8)) }
        // vLLM 0.6+: {"count", "max_model_len", "tokens", "token_strs"}.
        #expect(count(.vllm, #"{"count":3,"max_model_len":8192,"tokens":[9906,11,1917],"token_strs":null}"#) == 3)
        #expect(count(.vllm, #"{"count":4,"tokens":[1,2,3]}"#) == nil, "a count that disagrees with the tokens is refused")
        #expect(count(.vllm, #"{"tokens":[1,2,3]}"#) == nil, "llama.cpp's shape is not vLLM's")
        // llama.cpp server: {"tokens": [ids]} or, with pieces, [{"id", "piece"}].
        #expect(count(.llamaCpp, #"{"tokens":[15043,29892,3186]}"#) == 3)
        #expect(count(.llamaCpp, #"{"tokens":[{"id":15043,"piece":"Hello"},{"id":29892,"piece":","}]}"#) == 2)
        #expect(count(.llamaCpp, #"{"tokens":[]}"#) == 0)
        #expect(count(.llamaCpp, #"{"error":{"code":400}}"#) == nil)
        // TGI: [{"id", "text", "start", "stop"}].
        #expect(count(.tgi, #"[{"id":15043,"text":"Hello","start":0,"stop":5},{"id":29892,"text":",","start":5,"stop":6}]"#) == 2)
        #expect(count(.tgi, #"[1,2]"#) == nil)
        #expect(count(.tgi, #"{"error":"Input validation error","error_type":"validation"}"#) == nil)
        #expect(count(.vllm, "not json") == nil)
    }

    static func target(_ yaml: String) throws -> TargetConfig {
        try #require(try LensConfig(yaml: "targets:\n  t: \(yaml)").bench.targets.first)
    }

    @Test func candidatesFollowTheProviderAndStripV1() throws {
        let vllm = TokenizeEndpoint.candidates(for: try Self.target("{provider: vllm, model: m}"))
        #expect(vllm == [TokenizeEndpoint(dialect: .vllm, url: "http://127.0.0.1:8000/tokenize", model: "m")])
        let llama = TokenizeEndpoint.candidates(for: try Self.target("{provider: llamacpp, model: m, base_url: 'http://h:8080/v1/'}"))
        #expect(llama.map(\.url) == ["http://h:8080/tokenize"])
        #expect(llama.map(\.dialect) == [.llamaCpp])
        let tgi = TokenizeEndpoint.candidates(for: try Self.target("{provider: tgi, model: m, base_url: 'http://h:3000'}"))
        #expect(tgi.map(\.url) == ["http://h:3000/tokenize"])
        let custom = TokenizeEndpoint.candidates(for: try Self.target("{provider: custom, model: m, base_url: 'http://h/v1'}"))
        #expect(custom.map(\.dialect) == [.vllm, .llamaCpp, .tgi])
        // Hosted APIs report usage and may bill an extra request; Ollama has no tokenize endpoint.
        #expect(TokenizeEndpoint.candidates(for: try Self.target("{provider: openai, model: m}")).isEmpty)
        #expect(TokenizeEndpoint.candidates(for: try Self.target("{provider: ollama, model: m}")).isEmpty)
        #expect(
            TokenizeEndpoint.candidates(for: try Self.target("{provider: custom, protocol: anthropic, model: m, base_url: 'http://h'}"))
                .isEmpty)
    }

    /// Texts are kept within their caps; requests past them are counted as dropped.
    @Test func generatedTextsAreBounded() {
        var texts = GeneratedTexts(capacity: 10)
        texts.keep(Array("hello".utf8), request: 0)
        texts.keep(Array("world!".utf8), request: 1)
        texts.keep(nil, request: 2)
        texts.keep(Array("abcde".utf8), request: 3)
        #expect(texts.entries.map(\.request) == [0, 3])
        #expect(String(decoding: texts.text(at: 1), as: UTF8.self) == "abcde")
        #expect(texts.dropped == 2)
    }
}
