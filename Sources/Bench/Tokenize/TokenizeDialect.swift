import LensCore

/// A serving engine's tokenize endpoint (`POST /tokenize` at the server root), in one engine's shape.
///
/// Each dialect counts text without adding special tokens (no BOS), so that the count is the
/// number of generated tokens the text decodes from:
/// - vLLM: `{"model", "prompt", "add_special_tokens": false}` → `{"count", "tokens", "max_model_len"}`
/// - llama.cpp server: `{"content", "add_special": false}` → `{"tokens": [...]}`
/// - TGI: `{"inputs", "add_special_tokens": false}` → `[{"id", "text", "start", "stop"}, ...]`
public enum TokenizeDialect: String, Sendable, Equatable, CaseIterable {
    /// vLLM's `/tokenize`.
    case vllm
    /// llama.cpp server's `/tokenize`.
    case llamaCpp = "llama.cpp"
    /// Text Generation Inference's `/tokenize`.
    case tgi

    /// The path under the server root.
    public static let path = "/tokenize"

    /// The request body counting `text`, given as the body of a JSON string (escaped, without quotes).
    public func body(escapedText text: ArraySlice<UInt8>, model: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + model.utf8.count + 64)
        func key(_ name: StaticString) {
            out.append(out.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: Array("\":".utf8))
        }
        func escaped() {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: text)
            out.append(UInt8(ascii: "\""))
        }
        switch self {
        case .vllm:
            key("model")
            JSONWriter.appendString(model, to: &out)
            key("prompt")
            escaped()
            key("add_special_tokens")
            out.append(contentsOf: Array("false".utf8))
        case .llamaCpp:
            key("content")
            escaped()
            key("add_special")
            out.append(contentsOf: Array("false".utf8))
        case .tgi:
            key("inputs")
            escaped()
            key("add_special_tokens")
            out.append(contentsOf: Array("false".utf8))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The token count in a response body of this dialect, or nil when the body has another shape.
    public func count(in body: [UInt8]) -> Int? {
        guard let root = try? JSONParser.parse(body) else { return nil }
        switch (self, root.value) {
        case (.vllm, .object(let members)):
            // `count` is vLLM's own figure; the token list must agree with it when both are there.
            guard case .number(let count)? = members.first(where: { $0.key == "count" })?.value.value,
                let whole = Self.whole(count)
            else { return nil }
            if let tokens = members.first(where: { $0.key == "tokens" })?.value.value, Self.length(tokens) != whole { return nil }
            return whole
        case (.llamaCpp, .object(let members)):
            guard let tokens = members.first(where: { $0.key == "tokens" })?.value.value else { return nil }
            return Self.length(tokens)
        case (.tgi, .array(let items)):
            // Every item is a token object with an id.
            for item in items {
                guard case .object(let fields) = item.value, fields.contains(where: { $0.key == "id" }) else { return nil }
            }
            return items.count
        case (.tgi, .numbers(let values)) where values.isEmpty:
            return 0
        default:
            return nil
        }
    }

    private static func whole(_ value: Double) -> Int? {
        value >= 0 && value < 1e12 && value == value.rounded() ? Int(value) : nil
    }

    /// The length of a JSON array (of numbers, or of anything), or nil for another value.
    private static func length(_ value: JSONValue) -> Int? {
        switch value {
        case .numbers(let values): values.count
        case .array(let items): items.count
        default: nil
        }
    }
}
