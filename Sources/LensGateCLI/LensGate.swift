import ArgumentParser
import LensCore

/// The `lens-gate` command: the one-liner (run + check) at the root, and one subcommand per task.
@main
struct LensGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lens-gate",
        abstract: "A CI regression gate for LLM serving latency.",
        discussion: """
            Benchmarks an LLM endpoint, compares the results with a stored baseline using \
            statistics, applies your quality-gate rules and answers with an exit code, JUnit XML \
            and a Markdown summary.

            Exit codes: 0 passed (warnings allowed) · 1 regression · 2 usage or input error · \
            3 benchmark could not run · 4 no usable baseline.
            """,
        version: LensVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, BaselineCommand.self, TrendCommand.self, SimCommand.self,
                      CommentCommand.self])

    /// Runs a command and maps every failure to one line on stderr and a distinct exit code.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Termination.exit(because: error)
        }
    }
}
