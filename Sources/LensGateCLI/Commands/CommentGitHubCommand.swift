import ArgumentParser
import Foundation
import LensCore
import Publish

/// `lens-gate comment github`: the sticky pull-request comment through GitHub's REST API.
struct CommentGitHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github",
        abstract: "Create or update the lens-gate comment on a GitHub pull request.",
        discussion: """
            The token comes from GITHUB_TOKEN (or --token-env NAME) and needs \
            'permissions: pull-requests: write'. The API root is GITHUB_API_URL, the repository \
            GITHUB_REPOSITORY (or --repo) and the pull request the event's pull_request.number \
            (or --pr). Bodies over 65,536 characters are cut with a link to the job summary.

            Pull requests from forks get a read-only token: post from a workflow_run workflow \
            with --pr (see docs/ci.md).

            Examples:
              lens-gate comment github --markdown summary.md
              lens-gate comment github --markdown summary.md --pr 42 --name nightly
            """)

    @OptionGroup var options: CommentOptions

    @Option(name: .long, help: ArgumentHelp("The pull request number (default: from GITHUB_EVENT_PATH).", valueName: "number"))
    var pr: Int?

    @Option(name: .long, help: ArgumentHelp("OWNER/NAME (default: GITHUB_REPOSITORY).", valueName: "repository"))
    var repo: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The login the comment is posted as, for personal tokens (default: any bot account).", valueName: "login"))
    var author: String?

    func validate() throws {
        if let pr { try InputLimits.requestNumber.check(pr, flag: "--pr") }
    }

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let job = GitHubComment(
            name: options.name, repository: repo, pullRequest: pr, tokenVariable: options.tokenEnv,
            author: author, summaryURL: options.summaryURL)
        ProcessSecrets.shared.announce(job.token(in: environment).map { [$0] } ?? [], environment: environment)
        let markdown = try options.readMarkdown()
        try options.finish(
            { () throws(CommentFailure) in
                try job.post(markdown: markdown, environment: environment, transport: CurlTransport())
            }, environment: environment)
    }
}
