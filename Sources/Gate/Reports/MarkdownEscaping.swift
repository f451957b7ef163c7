/// Makes untrusted text (scenario and model names from a pull request) inert in GitHub/GitLab Markdown.
///
/// Pipes would break table cells, HTML could inject markup or hide content, `@name` would ping
/// people and `#123` would cross-reference issues; backticks and brackets could start code spans
/// or links. Everything suspicious becomes an HTML entity or is broken with a zero-width joiner.
public enum MarkdownEscaping {
    /// Escapes text for a table cell or a line of prose.
    public static func inline(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "|": result += "&#124;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "`": result += "&#96;"
            case "*": result += "&#42;"
            case "_": result += "&#95;"
            case "[": result += "&#91;"
            case "]": result += "&#93;"
            case "\\": result += "&#92;"
            case "@": result += "&#64;"
            case "#": result += "&#35;"
            case "!": result += "&#33;"
            case "~": result += "&#126;"
            case "\n", "\r", "\t": result += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
                result.append(character)
            }
        }
        return result
    }
}
