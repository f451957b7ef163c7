import Foundation
import LensCore
import Publish

/// The console is where CI workflow commands are printed.
extension Console: LineOutput {
    /// Text from files (scenario names come from pull requests) made one inert log line: control
    /// characters (newlines, ESC, NUL) and bidirectional overrides are shown as `\n`, `\u{1B}`,
    /// `\u{202E}`…, so that they can neither start a workflow command on a new line, open a GitLab
    /// log section, nor reorder what the reader sees (`InertText`).
    static func singleLine(_ text: String) -> String {
        InertText.singleLine(text)
    }

    /// Writes `::add-mask::` unredacted: it is the one line that must name the secret.
    func writeMask(_ command: WorkflowCommand) {
        FileHandle.standardOutput.write(Data((command.description + "\n").utf8))
    }
}
