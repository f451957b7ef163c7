import LensCore

/// Reading the JSON answers of the platforms' REST APIs, tolerant of fields we do not use.
enum APIResponse {
    /// The parsed body, or nil when it is not JSON.
    static func json(_ response: HTTPResponse) -> JSONValue? {
        (try? JSONParser.parse(response.body))?.value
    }

    /// The API's own error message (`message` on GitHub, `message` or `error` on GitLab), made one
    /// safe line: redacted as a whole (an API may echo the token it rejected), then cut.
    static func message(_ response: HTTPResponse, redactor: Redactor) -> String? {
        guard let body = json(response) else { return nil }
        let text: String? =
            switch body["message"] ?? body["error"] {
            case .string(let text): text
            case .object(let members): members.map { "\($0.key) \($0.value.value.plainText)" }.joined(separator: ", ")
            case .array(let items): items.map(\.value.plainText).joined(separator: ", ")
            default: nil
            }
        return text.map { singleLine(redactor.redact($0), limit: 200) }
    }

    /// Unsafe characters (newlines, controls, bidirectional overrides) become spaces and long text
    /// is cut, for one-line messages; redact before calling, never after.
    static func singleLine(_ text: String, limit: Int) -> String {
        var result = ""
        for scalar in text.unicodeScalars { result.unicodeScalars.append(InertText.isUnsafe(scalar) ? " " : scalar) }
        return Redactor.cut(result, limit: limit)
    }
}

extension JSONValue {
    /// The value as a string, when it is one.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a whole number, when it is one.
    var integerValue: Int? {
        guard case .number(let number) = self, number == number.rounded(), abs(number) < 9.0e15 else { return nil }
        return Int(number)
    }

    /// The elements of an array (numbers included), or nil.
    var elements: [JSONValue]? {
        switch self {
        case .array(let nodes): nodes.map(\.value)
        case .numbers(let numbers): numbers.map { .number($0) }
        default: nil
        }
    }

    /// Short text for messages.
    var plainText: String {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array(let nodes): nodes.map(\.value.plainText).joined(separator: ", ")
        case .numbers(let numbers): numbers.map { "\($0)" }.joined(separator: ", ")
        case .object: "{…}"
        }
    }
}
