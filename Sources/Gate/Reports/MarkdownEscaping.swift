/// Makes untrusted text (scenario and model names from a pull request) inert in GitHub/GitLab Markdown.
///
/// Pipes would break table cells, HTML could inject markup or hide content, `@name` would ping
/// people and `#123` would cross-reference issues; backticks, brackets and emphasis markers could
/// start code spans, links or styling. Markdown punctuation gets a backslash (CommonMark §2.4),
/// HTML-significant characters become entities, and `@`/`#` get an invisible word joiner
/// (U+2060) so that GitHub's and GitLab's reference linkers no longer see a mention.
public enum MarkdownEscaping {
    /// Escapes text for a table cell or a line of prose.
    public static func inline(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count + 8)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "|", "`", "*", "[", "]", "\\", "~", "!":
                result += "\\" + String(character)
            case "_":
                // An underscore inside a word cannot open or close emphasis (CommonMark §6.2); keep
                // `ttft_ms` readable and escape only underscores at a word boundary.
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                result += before.isLetterOrDigit && after.isLetterOrDigit ? "_" : "\\_"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "@", "#": result += String(character) + "\u{2060}"
            case "\n", "\r", "\t": result += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
                result.append(character)
            }
        }
        return result
    }
}

extension Character {
    fileprivate var isLetterOrDigit: Bool { isLetter || isNumber }
}
