import ArgumentParser
import Foundation
import LensCore
import Publish

/// Options shared by both platforms' comment commands.
struct CommentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Markdown summary to post (written by --markdown).", valueName: "file"))
    var markdown: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The comment's name: one sticky comment per name (letters, digits, '.', '_', '-').", valueName: "name"))
    var name: String = "default"

    @Option(name: .long, help: ArgumentHelp("Read the token from this environment variable instead.", valueName: "variable"))
    var tokenEnv: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Link to the full report when the comment must be cut (default: this run's page).", valueName: "url"))
    var summaryURL: String?

    @Flag(name: .long, help: "Exit 2 when the comment cannot be posted (default: warn and exit 0).")
    var strictComment = false

    func validate() throws {
        guard CommentBody.isValidName(name) else {
            throw ValidationError("--name must be 1–64 letters, digits, '.', '_' or '-', got '\(Console.singleLine(name))'")
        }
        if let tokenEnv, CredentialSource(reference: "$" + tokenEnv)?.variable != tokenEnv {
            throw ValidationError("--token-env takes a variable name (e.g. MY_TOKEN), not a value")
        }
    }

    /// The Markdown to post.
    func readMarkdown() throws -> String {
        String(decoding: try InputFile.read(markdown, role: "Markdown summary"), as: UTF8.self)
    }

    /// Reports what posting did; a failure is a warning unless `--strict-comment` makes it fatal.
    func finish(_ attempt: () throws(CommentFailure) -> CommentOutcome, environment: [String: String]) throws {
        let console = Console.standard
        do {
            let outcome = try attempt()
            console.writeError("lens-gate: comment: \(Console.singleLine(outcome.description))")
        } catch {
            if strictComment { throw error }
            console.writeError("lens-gate: warning: \(Console.singleLine(error.description))")
            if GitHubContext(environment: environment).isActions {
                console.writeOutput(
                    WorkflowCommand("warning", properties: [("title", "lens-gate comment")], message: error.description).description)
            }
        }
    }
}
