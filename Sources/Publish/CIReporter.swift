import Gate
import LensCore

/// Where the publishing functions print their workflow commands (the CLI's console conforms).
public protocol LineOutput {
    /// Writes one line to standard output.
    func writeOutput(_ text: String)
    /// Writes an `::add-mask::` command, the one line that must show a secret (a console that
    /// redacts what it prints must let it through unredacted, or the runner would mask nothing).
    func writeMask(_ command: WorkflowCommand)
}

extension LineOutput {
    /// Writes the command like any other line.
    public func writeMask(_ command: WorkflowCommand) { writeOutput(command.description) }
}

/// What a gating command tells the CI platform it runs on, after its verdict: the one hook the CLI calls.
public enum CIReporter {
    /// In GitHub Actions (`GITHUB_ACTIONS=true`): prints the verdict's annotations as workflow
    /// commands and appends its step outputs to `$GITHUB_OUTPUT`; elsewhere does nothing.
    ///
    /// The Markdown job summary is written with the other reports (`$GITHUB_STEP_SUMMARY`).
    public static func publish(verdict: Verdict, reports: ReportPaths, environment: [String: String], console: some LineOutput)
        throws(PublishError)
    {
        let github = GitHubContext(environment: environment)
        guard github.isActions else { return }
        for command in Annotations(summaryURL: github.runURL).commands(for: verdict) {
            console.writeOutput(command.description)
        }
        if let path = github.outputPath {
            try StepOutputs(verdict: verdict, reports: reports, summaryURL: github.runURL).append(to: path)
        }
    }

    /// In GitHub Actions, prints `::add-mask::` for each secret value so that the runner hides it
    /// from every later log line; call before anything could print it, and once per secret per
    /// process (the caller keeps track). Elsewhere does nothing.
    public static func mask(_ secrets: [Secret], environment: [String: String], console: some LineOutput) {
        guard GitHubContext(environment: environment).isActions else { return }
        for secret in secrets where !secret.isEmpty {
            // The runner masks line by line, so each line of a multi-line value is masked on its own.
            for line in secret.revealedForTransport.split(whereSeparator: \.isNewline) where !line.isEmpty {
                console.writeMask(WorkflowCommand.addMask(String(line)))
            }
        }
    }

    /// The credentials of a benchmark config (API keys, header variables, credential headers and
    /// URL credentials; `BenchConfig.credentials(in:)`).
    public static func secrets(of config: BenchConfig, environment: [String: String]) -> [Secret] {
        config.credentials(in: environment)
    }
}
