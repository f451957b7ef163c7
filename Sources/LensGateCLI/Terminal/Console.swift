import Foundation
import LensCore

/// Where human-facing text goes, and how it should look on this terminal or CI log.
///
/// Colour follows the informal standards: off when `NO_COLOR` is set (no-color.org), when
/// `TERM=dumb`, or when the stream is not a terminal; `FORCE_COLOR` turns it on. `CI` (set by
/// GitHub Actions, GitLab CI and most others) asks for plain periodic lines instead of redrawn
/// progress bars.
struct Console: Sendable {
    /// Whether stderr is a terminal.
    var stderrIsTerminal: Bool
    /// Whether ANSI colours may be used on stderr/stdout.
    var colorEnabled: Bool
    /// Whether we run under a CI system (plain logs, no redraws).
    var isCI: Bool

    /// The console of this process, read from its environment.
    static let standard = Console(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String], stderrIsTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.stderrIsTerminal = stderrIsTerminal
        isCI = !(environment["CI"] ?? "").isEmpty && environment["CI"] != "false"
        let forced = !(environment["FORCE_COLOR"] ?? "").isEmpty
        let disabled = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        colorEnabled = forced || (!disabled && environment["TERM"] != "dumb" && stderrIsTerminal)
    }

    /// Whether progress may be drawn as a redrawn line (a terminal, not CI).
    var showsLiveProgress: Bool { stderrIsTerminal && !isCI }

    /// Writes a line to stdout, with the process's known secrets and URL credentials hidden and
    /// control characters made inert.
    func writeOutput(_ text: String) {
        let text = Console.inert(ProcessSecrets.shared.redact(text))
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a line to stderr, with the process's known secrets and URL credentials hidden and
    /// control characters made inert.
    func writeError(_ text: String) {
        let text = Console.inert(ProcessSecrets.shared.redact(text))
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// The last line of defence for text reaching the terminal (names read from results files
    /// end up in tables and listings): line breaks, tabs and this console's own styles
    /// (`ESC[…m`) are kept, every other unsafe character (`InertText`) is shown as an escape.
    static func inert(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { InertText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", let end = styleEnd(scalars, from: index) {
                result.unicodeScalars.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            if scalar == "\n" || scalar == "\t" || !InertText.isUnsafe(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += InertText.escape(scalar)
            }
            index += 1
        }
        return result
    }

    /// The end of a style sequence this console writes (`ESC[` digits `m`) starting at `start`, or nil.
    private static func styleEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        guard index < scalars.count, scalars[index] == "[" else { return nil }
        index += 1
        while index < scalars.count, scalars[index].properties.numericType != nil, scalars[index].isASCII { index += 1 }
        guard index < scalars.count, scalars[index] == "m",
            Style.allCodes.contains(String(String.UnicodeScalarView(scalars[(start + 2)..<index])))
        else {
            return nil
        }
        return index + 1
    }

    /// Wraps text in an ANSI style when colour is enabled.
    func styled(_ text: String, _ style: Style) -> String {
        colorEnabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// ANSI styles used in lens-gate's output.
    enum Style: String, CaseIterable {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case dim = "2"

        /// The parameter of every style and of the reset, `0`.
        static let allCodes: Set<String> = Set(allCases.map(\.rawValue) + ["0"])
    }
}
