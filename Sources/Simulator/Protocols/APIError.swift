import NIOCore
import NIOHTTP1

/// An error answer the simulator gives, rendered in the style of the API that was called.
enum APIError: Sendable, Equatable {
    /// The body could not be read or a field is invalid.
    case badRequest(RequestProblem)
    /// The request names a model without a profile (and the policy rejects unknown names).
    case modelNotFound(String)
    /// The injected 429.
    case rateLimited
    /// The injected 503.
    case unavailable
    /// The body is larger than the simulator accepts.
    case payloadTooLarge(limit: Int)

    /// Status and JSON body of this error as `api` would send it.
    func response(for api: API) -> (status: HTTPResponseStatus, body: ByteBuffer) {
        let status: HTTPResponseStatus
        switch self {
        case .badRequest(let p):
            // TGI answers validation errors with 422; everyone answers unparsable JSON with 400.
            status = api == .tgi && p.parameter != nil ? .unprocessableEntity : .badRequest
        case .modelNotFound: status = .notFound
        case .rateLimited: status = .tooManyRequests
        case .unavailable: status = .serviceUnavailable
        case .payloadTooLarge: status = .payloadTooLarge
        }
        let body = jsonBody { b in
            switch api {
            case .openAI: writeOpenAI(&b)
            case .anthropic: writeAnthropic(&b)
            case .ollama: writeOllama(&b)
            case .tgi: writeTGI(&b)
            }
        }
        return (status, body)
    }

    private var message: String {
        switch self {
        case .badRequest(let p): return p.message
        case .modelNotFound(let model): return "The model `\(model)` does not exist or you do not have access to it."
        case .rateLimited: return "Rate limit reached for requests (simulated by lens-gate sim)."
        case .unavailable: return "The server is overloaded or not ready yet (simulated by lens-gate sim)."
        case .payloadTooLarge(let limit): return "Request body exceeds \(limit) bytes."
        }
    }

    private func writeOpenAI(_ b: inout ByteBuffer) {
        let (type, code, param): (String, String?, String?)
        switch self {
        case .badRequest(let p): (type, code, param) = ("invalid_request_error", nil, p.parameter)
        case .modelNotFound: (type, code, param) = ("invalid_request_error", "model_not_found", "model")
        case .rateLimited: (type, code, param) = ("requests", "rate_limit_exceeded", nil)
        case .unavailable: (type, code, param) = ("server_error", nil, nil)
        case .payloadTooLarge: (type, code, param) = ("invalid_request_error", nil, nil)
        }
        b.writeStaticString(#"{"error":{"message":"#)
        b.writeJSONString(message)
        b.writeStaticString(#","type":"#)
        b.writeJSONString(type)
        b.writeStaticString(#","param":"#)
        if let param { b.writeJSONString(param) } else { b.writeStaticString("null") }
        b.writeStaticString(#","code":"#)
        if let code { b.writeJSONString(code) } else { b.writeStaticString("null") }
        b.writeStaticString("}}")
    }

    private func writeAnthropic(_ b: inout ByteBuffer) {
        let type: String
        var text = message
        switch self {
        case .badRequest: type = "invalid_request_error"
        case .modelNotFound(let model):
            type = "not_found_error"
            text = "model: \(model)"
        case .rateLimited: type = "rate_limit_error"
        case .unavailable: type = "overloaded_error"
        case .payloadTooLarge: type = "request_too_large"
        }
        b.writeStaticString(#"{"type":"error","error":{"type":"#)
        b.writeJSONString(type)
        b.writeStaticString(#","message":"#)
        b.writeJSONString(text)
        b.writeStaticString("}}")
    }

    private func writeOllama(_ b: inout ByteBuffer) {
        var text = message
        if case .modelNotFound(let model) = self {
            text = "model \"\(model)\" not found, try pulling it first"
        }
        b.writeStaticString(#"{"error":"#)
        b.writeJSONString(text)
        b.writeStaticString("}")
    }

    private func writeTGI(_ b: inout ByteBuffer) {
        let type: String
        switch self {
        case .badRequest, .payloadTooLarge, .modelNotFound: type = "validation"
        case .rateLimited, .unavailable: type = "overloaded"
        }
        b.writeStaticString(#"{"error":"#)
        b.writeJSONString(message)
        b.writeStaticString(#","error_type":"#)
        b.writeJSONString(type)
        b.writeStaticString("}")
    }
}
