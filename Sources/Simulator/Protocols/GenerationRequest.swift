import LensCore
import NIOCore

/// The parts of a generation request body that change what the simulator sends back.
struct GenerationRequest: Sendable, Equatable {
    /// Model name, when the API carries one (TGI does not).
    var model: String?
    /// The request's cap on output tokens, if any.
    var maxTokens: Int?
    /// Whether the client asked for a streamed response.
    var stream: Bool
    /// OpenAI `stream_options.include_usage`.
    var includeUsage: Bool
    /// TGI `parameters.details` (non-streaming `/generate` reports details only when asked).
    var details: Bool
    /// Rough input size: UTF-8 bytes of all prompt and message text divided by 4, rounded up —
    /// the common rule of thumb for English text under BPE tokenizers.
    var inputTokens: Int
}

/// Why a request body was refused; rendered as a 400 in the API's error style.
struct RequestProblem: Error, Equatable, Sendable {
    /// A human-readable message.
    let message: String
    /// The offending parameter, when one is to blame.
    let parameter: String?
}

extension GenerationRequest {
    /// Reads the request body of `endpoint`, checking the fields the simulator relies on.
    static func parse(_ body: ByteBuffer, for endpoint: Endpoint) -> Result<GenerationRequest, RequestProblem> {
        let json: JSONValue
        do throws(JSONSyntaxError) {
            json = try JSONParser.parse(Array(body.readableBytesView)).value
        } catch {
            return .failure(
                RequestProblem(
                    message: "could not parse the JSON body of the request: \(error.reason) at \(error.position)",
                    parameter: nil))
        }
        guard case .object = json else {
            return .failure(RequestProblem(message: "the request body must be a JSON object", parameter: nil))
        }
        do throws(RequestProblem) {
            return .success(try read(json, endpoint))
        } catch {
            return .failure(error)
        }
    }

    private static func read(_ json: JSONValue, _ endpoint: Endpoint) throws(RequestProblem) -> GenerationRequest {
        var request = GenerationRequest(
            model: nil, maxTokens: nil, stream: false, includeUsage: false, details: false, inputTokens: 0)
        var textBytes = 0
        switch endpoint {
        case .openAIChatCompletions, .openAICompletions:
            request.model = try requiredString(json, "model")
            let promptKey = endpoint == .openAIChatCompletions ? "messages" : "prompt"
            guard let prompt = json[promptKey], prompt != .null else {
                throw RequestProblem(message: "Missing required parameter: '\(promptKey)'.", parameter: promptKey)
            }
            textBytes = Self.textBytes(prompt)
            let newer = try positiveInt(json, "max_completion_tokens", parameter: "max_completion_tokens")
            let older = try positiveInt(json, "max_tokens", parameter: "max_tokens")
            request.maxTokens = newer ?? older
            request.stream = try bool(json["stream"], "stream") ?? false
            request.includeUsage = try bool(json["stream_options"]?["include_usage"], "stream_options.include_usage") ?? false
        case .anthropicMessages:
            request.model = try requiredString(json, "model")
            guard let messages = json["messages"], isArray(messages) else {
                throw RequestProblem(message: "messages: Field required", parameter: "messages")
            }
            textBytes = Self.textBytes(messages) + Self.textBytes(json["system"] ?? .null)
            guard let cap = try positiveInt(json, "max_tokens", parameter: "max_tokens") else {
                throw RequestProblem(message: "max_tokens: Field required", parameter: "max_tokens")
            }
            request.maxTokens = cap
            request.stream = try bool(json["stream"], "stream") ?? false
        case .ollamaChat, .ollamaGenerate:
            request.model = try requiredString(json, "model")
            textBytes =
                Self.textBytes(json["messages"] ?? .null) + Self.textBytes(json["prompt"] ?? .null)
                + Self.textBytes(json["system"] ?? .null)
            // Ollama: num_predict -1 means "no limit" and -2 "fill the context"; both mean no cap here.
            if let n = try integer(json["options"]?["num_predict"], "options.num_predict"), n > 0 {
                request.maxTokens = n
            }
            request.stream = try bool(json["stream"], "stream") ?? true
        case .tgiGenerate, .tgiGenerateStream:
            guard case .string(let inputs)? = json["inputs"] else {
                throw RequestProblem(message: "Input validation error: `inputs` must be a string", parameter: "inputs")
            }
            textBytes = inputs.utf8.count
            let parameters = json["parameters"] ?? .null
            request.maxTokens = try positiveInt(parameters, "max_new_tokens", parameter: "parameters.max_new_tokens")
            request.details = try bool(parameters["details"], "parameters.details") ?? false
            request.stream = endpoint == .tgiGenerateStream
        }
        request.inputTokens = (textBytes + 3) / 4
        return request
    }

    /// Whether `value` is an array; the parser keeps arrays of numbers (and empty ones) as `.numbers`.
    private static func isArray(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .numbers: true
        default: false
        }
    }

    private static func requiredString(_ json: JSONValue, _ key: String) throws(RequestProblem) -> String {
        guard case .string(let s)? = json[key], !s.isEmpty else {
            throw RequestProblem(message: "you must provide a '\(key)' parameter (a non-empty string)", parameter: key)
        }
        return s
    }

    private static func bool(_ value: JSONValue?, _ name: String) throws(RequestProblem) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw RequestProblem(message: "'\(name)' must be a boolean", parameter: name)
        }
    }

    private static func integer(_ value: JSONValue?, _ name: String) throws(RequestProblem) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let x)? where x == x.rounded() && abs(x) < 1e15: return Int(x)
        default: throw RequestProblem(message: "'\(name)' must be an integer", parameter: name)
        }
    }

    private static func positiveInt(
        _ json: JSONValue, _ key: String, parameter: String
    ) throws(RequestProblem) -> Int? {
        guard let n = try integer(json[key], parameter) else { return nil }
        guard n >= 1 else {
            throw RequestProblem(message: "'\(parameter)' must be at least 1, got \(n)", parameter: parameter)
        }
        return n
    }

    /// UTF-8 bytes of all text in a prompt: strings, arrays of them, and the `content`/`text` of
    /// message and content-block objects.
    static func textBytes(_ value: JSONValue) -> Int {
        switch value {
        case .string(let s): return s.utf8.count
        case .array(let items): return items.reduce(0) { $0 + textBytes($1.value) }
        case .object: return textBytes(value["content"] ?? .null) + textBytes(value["text"] ?? .null)
        default: return 0
        }
    }
}
