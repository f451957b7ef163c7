/// Text from outside (server messages, names from a pull request's config) made inert for a log
/// line: characters that a terminal or CI log viewer would act on instead of showing are written
/// as visible escapes, `\u{1B}`.
///
/// Unsafe are the C0 and C1 control characters and DEL (NUL ends C strings, ESC starts terminal
/// sequences, CR rewrites the line), the bidirectional controls U+061C, U+200E, U+200F,
/// U+202A–U+202E and U+2066–U+2069 (they reorder what is shown, "Trojan Source"), and the line
/// and paragraph separators U+2028 and U+2029 (some viewers break lines there).
public enum InertText {
    /// Whether a character must not reach a log line as itself.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The visible escape of a character, `\u{1B}` (hexadecimal, upper case).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// One inert line: `\n` and `\r` shown as `\n` and `\r`, a tab as a space, every other unsafe
    /// character as its escape.
    public static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += " "
            case _ where isUnsafe(scalar): result += escape(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
