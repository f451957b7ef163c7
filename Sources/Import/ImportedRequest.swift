import LensCore

/// One request as another tool recorded it, converted to lens-gate's units (milliseconds, tokens).
///
/// Fields a tool does not record stay nil; `ImportedScenario` derives what lens-gate's
/// definitions allow from the rest and never invents the others.
struct ImportedRequest {
    /// False when the tool recorded an error for the request.
    var succeeded = true
    /// The error's class, when the tool's error says enough to tell it (an HTTP status, a timeout).
    var errorClass: RequestErrorClass?
    /// Time to the first token, ms.
    var ttftMs: Double?
    /// End-to-end latency, ms.
    var e2eMs: Double?
    /// Gaps between streamed chunks, ms, when the tool keeps them per chunk.
    var chunkGapsMs: [Double]?
    /// Generated tokens.
    var outputTokens: Int?
    /// Prompt tokens.
    var inputTokens: Int?
    /// Wall-clock send time, seconds since the epoch (for the measured window).
    var startSeconds: Double?
    /// Wall-clock completion time, seconds since the epoch.
    var endSeconds: Double?
}

/// Classifies another tool's error text by the HTTP status or timeout it names.
enum ForeignErrorText {
    /// The error class an error text names, or nil when it names none lens-gate knows.
    static func errorClass(of text: String, status: Int? = nil) -> RequestErrorClass? {
        if let status, let known = errorClass(status: status) { return known }
        let lowered = text.lowercased()
        for (phrase, status) in reasonPhrases where lowered.contains(phrase) {
            return errorClass(status: status)
        }
        if lowered.contains("timeout") || lowered.contains("timed out") { return .timeout }
        for code in statusCodes(in: lowered) {
            if let known = errorClass(status: code) { return known }
        }
        if lowered.contains("connect") { return .connect }
        return nil
    }

    /// HTTP reason phrases some tools record instead of the status code (vLLM's `errors`).
    private static let reasonPhrases: [(String, Int)] = [
        ("too many requests", 429), ("service unavailable", 503), ("internal server error", 500), ("bad gateway", 502),
        ("gateway timeout", 504), ("bad request", 400), ("unauthorized", 401), ("forbidden", 403), ("not found", 404),
        ("unprocessable", 422), ("payload too large", 413),
    ]

    private static func errorClass(status: Int) -> RequestErrorClass? {
        switch status {
        case 429: .http429
        case 400..<500: .http4xx
        case 500..<600: .http5xx
        default: nil
        }
    }

    /// Three-digit numbers that stand alone in the text, in order.
    private static func statusCodes(in text: String) -> [Int] {
        var codes: [Int] = []
        var digits = ""
        for character in text + " " {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                if digits.count == 3, let code = Int(digits) { codes.append(code) }
                digits = ""
            }
        }
        return codes
    }
}
