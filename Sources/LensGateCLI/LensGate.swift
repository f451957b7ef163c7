import ArgumentParser
import LensCore

/// The `lens-gate` command: the one-liner (run + check) at the root, and one subcommand per task.
@main
struct LensGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lens-gate",
        abstract: "A CI regression gate for LLM serving latency.",
        discussion: """
            Without a subcommand, lens-gate runs the benchmark described by lens-gate.yaml (or \
            --config), compares the results with the baseline, writes the reports and exits with \
            the verdict:

              lens-gate --baseline baselines/main.json --threshold 10

            A comparison fails when a change is worse than the threshold AND statistically \
            significant after correction across all checks; every change is reported with its \
            confidence interval. See 'lens-gate check --help' to gate an existing results file.

            Exit codes: 0 passed (warnings allowed) · 1 regression · 2 usage or input error · \
            3 benchmark could not run · 4 no usable baseline.
            """,
        version: LensVersion.current,
        subcommands: [
            GateCommand.self, RunCommand.self, ABCommand.self, CheckCommand.self, BaselineCommand.self, TrendCommand.self,
            SimCommand.self, InitCommand.self, ValidateCommand.self, ImportCommand.self, CommentCommand.self, MergeCommand.self,
        ],
        defaultSubcommand: GateCommand.self)

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
