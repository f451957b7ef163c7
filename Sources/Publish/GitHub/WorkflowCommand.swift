import LensCore

/// A GitHub Actions workflow command (`::error title=…::message`), escaped so that untrusted text
/// cannot end it early or start another command.
///
/// The runner splits a line at the first `::` after the properties, properties at `,` and `=`, and
/// reads one command per line. Per the documented rules (and `@actions/core`'s `command.ts`),
/// data escapes `%`, `\r` and `\n`; property values additionally escape `:` and `,`. Other
/// characters a log viewer would act on (NUL, ESC and the other C0/C1 controls, bidirectional
/// overrides such as U+202E; see `InertText`) are shown as visible escapes, `\u{1B}`, and a tab as a space.
public struct WorkflowCommand: Sendable, Equatable, CustomStringConvertible {
    /// The command name: `error`, `warning`, `notice`, `add-mask`, `group`…
    public var name: String
    /// Properties in order, e.g. `title`.
    public var properties: [(key: String, value: String)]
    /// The message (data) of the command.
    public var message: String

    /// Creates a command.
    public init(_ name: String, properties: [(key: String, value: String)] = [], message: String) {
        self.name = name
        self.properties = properties
        self.message = message
    }

    /// The command line as the runner reads it.
    public var description: String {
        var line = "::" + name
        if !properties.isEmpty {
            line += " " + properties.map { "\($0.key)=\(WorkflowCommand.escapeProperty($0.value))" }.joined(separator: ",")
        }
        return line + "::" + WorkflowCommand.escapeData(message)
    }

    /// Escapes a command's data: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`, a tab → a space, any
    /// other unsafe character → `\u{XX}`.
    public static func escapeData(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case "\t": result += " "
            case _ where InertText.isUnsafe(scalar): result += InertText.escape(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes a property value: the data escapes plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        var result = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": result += "%3A"
            case ",": result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `::add-mask::VALUE`: asks the runner to hide the value in every later log line.
    public static func addMask(_ value: String) -> WorkflowCommand { WorkflowCommand("add-mask", message: value) }

    /// Equal when they print the same line.
    public static func == (lhs: WorkflowCommand, rhs: WorkflowCommand) -> Bool { lhs.description == rhs.description }
}
