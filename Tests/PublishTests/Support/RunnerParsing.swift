import Foundation

/// How the GitHub Actions runner reads what a step prints and writes, re-implemented for tests
/// (after actions/runner's `ActionCommand.TryParseV2` and its file-command reader).
enum RunnerParsing {
    struct Command: Equatable {
        var name: String
        var properties: [String: String]
        var message: String
    }

    /// The workflow command a log line is, or nil when the runner would not read one.
    static func command(_ line: String) -> Command? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("::") else { return nil }
        let rest = trimmed.dropFirst(2)
        guard let end = rest.range(of: "::") else { return nil }
        let info = rest[..<end.lowerBound]
        let message = unescape(String(rest[end.upperBound...]), property: false)
        let name = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        var properties: [String: String] = [:]
        if let space = info.firstIndex(of: " ") {
            for pair in info[info.index(after: space)...].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { properties[String(parts[0])] = unescape(String(parts[1]), property: true) }
            }
        }
        return Command(name: name, properties: properties, message: message)
    }

    /// Every workflow command in a log.
    static func commands(in log: String) -> [Command] {
        log.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .compactMap { command(String($0)) }
    }

    static func unescape(_ text: String, property: Bool) -> String {
        var text = text.replacingAll("%0D", "\r").replacingAll("%0A", "\n")
        if property { text = text.replacingAll("%3A", ":").replacingAll("%2C", ",") }
        return text.replacingAll("%25", "%")
    }

    /// The name/value pairs of a `$GITHUB_OUTPUT` file, in order.
    static func outputs(_ file: String) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        var lines = file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            if let range = line.range(of: "<<") {
                let name = String(line[..<range.lowerBound])
                let delimiter = String(line[range.upperBound...])
                var value: [String] = []
                while let next = lines.popFirst(), next != delimiter { value.append(next) }
                result.append((name, value.joined(separator: "\n")))
            } else if let equals = line.firstIndex(of: "=") {
                result.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
            }
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
