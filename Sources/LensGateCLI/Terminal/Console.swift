import Foundation

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

    /// Writes a line to stdout.
    func writeOutput(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes a line to stderr.
    func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Wraps text in an ANSI style when colour is enabled.
    func styled(_ text: String, _ style: Style) -> String {
        colorEnabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// ANSI styles used in lens-gate's output.
    enum Style: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case dim = "2"
    }
}
