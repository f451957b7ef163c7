import Publish

/// The console is where CI workflow commands are printed.
extension Console: LineOutput {
    /// Text from files (scenario names come from pull requests) made one inert log line: control
    /// characters (newlines, ESC) are shown as `\n`, `\u{1B}`…, so that they can neither start a
    /// workflow command on a new line nor open a GitLab log section.
    static func singleLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += " "
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
