import ArgumentParser
import Foundation
import LensCore
import Publish

/// `lens-gate comment gitlab`: the sticky merge-request note through GitLab's REST API.
struct CommentGitLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitlab",
        abstract: "Create or update the lens-gate note on a GitLab merge request.",
        discussion: """
            The token comes from LENS_GATE_GITLAB_TOKEN (or --token-env NAME): a project access \
            token with the 'api' scope, stored as a masked CI/CD variable. Without a token (merge \
            requests from forks do not get masked variables) the command says so and exits 0. The \
            API root is CI_API_V4_URL, the project CI_PROJECT_ID (or --project) and the merge \
            request CI_MERGE_REQUEST_IID (or --mr). Only notes by the token's own user (GET /user, \
            or --author USERNAME) are ever edited.

            Examples:
              lens-gate comment gitlab --markdown summary.md
            """)

    @OptionGroup var options: CommentOptions

    @Option(name: .long, help: ArgumentHelp("The merge request IID (default: CI_MERGE_REQUEST_IID).", valueName: "iid"))
    var mr: Int?

    @Option(name: .long, help: ArgumentHelp("The project id or path (default: CI_PROJECT_ID).", valueName: "project"))
    var project: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The username the note is posted as; only its notes are edited (default: the token's user, from GET /user).",
            valueName: "username"))
    var author: String?

    func validate() throws {
        if let mr { try InputLimits.requestNumber.check(mr, flag: "--mr") }
        if let author, author.isEmpty || author.count > 255 || !author.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            throw ValidationError("--author takes a GitLab username, got '\(Console.singleLine(author))'")
        }
    }

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let job = GitLabComment(
            name: options.name, project: project, mergeRequest: mr, tokenVariable: options.tokenEnv,
            summaryURL: options.summaryURL, author: author)
        ProcessSecrets.shared.announce(job.token(in: environment).map { [$0] } ?? [], environment: environment)
        let markdown = try options.readMarkdown()
        try options.finish(
            { () throws(CommentFailure) in
                try job.post(markdown: markdown, environment: environment, transport: CurlTransport())
            }, environment: environment)
    }
}
