import ArgumentParser
import LensCore

/// `lens-gate check RESULTS --baseline BASELINE`: compare and gate an existing results file.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a results file with a baseline and gate it (no benchmark).")

    @Argument(help: "The results file to judge.")
    var results: String

    mutating func run() async throws {
        _ = try ResultsFile.load(results)
    }
}
