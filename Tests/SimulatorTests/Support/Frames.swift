import Foundation

/// One server-sent event: its `event:` name (if any) and its `data:` payload.
struct SSEEvent: Equatable {
    var event: String?
    var data: String
}

/// Splits an SSE body into events (blank-line separated; one optional space after the colon is dropped).
func sseEvents(_ body: [UInt8]) -> [SSEEvent] {
    let text = String(decoding: body, as: UTF8.self)
    return text.components(separatedBy: "\n\n").compactMap { block in
        guard !block.isEmpty else { return nil }
        var event: SSEEvent = SSEEvent(event: nil, data: "")
        var dataLines: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("event:") {
                event.event = String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("data:") {
                var value = line.dropFirst(5)
                if value.first == " " { value = value.dropFirst() }
                dataLines.append(String(value))
            }
        }
        event.data = dataLines.joined(separator: "\n")
        return event
    }
}

/// Splits an NDJSON body into its non-empty lines.
func ndjsonLines(_ body: [UInt8]) -> [String] {
    String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// Parses a JSON object from text.
func object(_ text: String) throws -> [String: Any] {
    guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw TestFailure("not a JSON object: \(text)")
    }
    return value
}

/// Whether text parses as JSON.
func isValidJSON(_ text: String) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
}

extension Dictionary where Key == String, Value == Any {
    /// A nested member as a dictionary.
    func dict(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    /// A nested member as an array of dictionaries.
    func dicts(_ key: String) -> [[String: Any]]? { self[key] as? [[String: Any]] }
    /// A nested member as a string.
    func string(_ key: String) -> String? { self[key] as? String }
    /// A nested member as an integer.
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    /// Whether a member is JSON null.
    func isNull(_ key: String) -> Bool { self[key] is NSNull }
}
