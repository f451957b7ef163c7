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

            Only a comment by the login lens-gate posts as is ever edited: --author, else the \
            token's user when GET /user answers (a personal token), else github-actions[bot] (the \
            job's GITHUB_TOKEN). With a GitHub App's token, pass --author APP-SLUG[bot].

            Pull requests from forks get a read-only token: post from a workflow_run workflow \
            with --pr and --expect-head-sha (see docs/ci.md); then nothing is posted unless the \
            pull request's head is the commit the triggering run tested.

            Examples:
              lens-gate comment github --markdown summary.md
              lens-gate comment github --markdown summary.md --pr 42 --name nightly
              lens-gate comment github --markdown summary.md --pr 42 --expect-head-sha "$HEAD_SHA"
            """)

    @OptionGroup var options: CommentOptions

    @Option(name: .long, help: ArgumentHelp("The pull request number (default: from GITHUB_EVENT_PATH).", valueName: "number"))
    var pr: Int?

    @Option(name: .long, help: ArgumentHelp("OWNER/NAME (default: GITHUB_REPOSITORY).", valueName: "repository"))
    var repo: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The login the comment is posted as; only its comments are edited (default: the token's user, else github-actions[bot]).",
            valueName: "login"))
    var author: String?

    @Option(
        name: .customLong("expect-head-sha"),
        help: ArgumentHelp(
            "Post only if the pull request's head is this commit (the run's head_sha): a fork's artifact cannot name another pull request.",
            valueName: "sha"))
    var expectHeadSHA: String?

    func validate() throws {
        if let pr { try InputLimits.requestNumber.check(pr, flag: "--pr") }
        if let author, author.isEmpty || author.count > 100 || !author.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            throw ValidationError("--author takes a GitHub login (e.g. github-actions[bot]), got '\(Console.singleLine(author))'")
        }
        if let expectHeadSHA, !GitHubComment.isCommitID(expectHeadSHA) {
            throw ValidationError("--expect-head-sha takes a full commit id (40 hex digits), got '\(Console.singleLine(expectHeadSHA))'")
        }
    }

    mutating func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let job = GitHubComment(
            name: options.name, repository: repo, pullRequest: pr, tokenVariable: options.tokenEnv,
            author: author, summaryURL: options.summaryURL, expectedHeadCommit: expectHeadSHA)
        ProcessSecrets.shared.announce(job.token(in: environment).map { [$0] } ?? [], environment: environment)
        let markdown = try options.readMarkdown()
        try options.finish(
            { () throws(CommentFailure) in
                try job.post(markdown: markdown, environment: environment, transport: CurlTransport())
            }, environment: environment)
    }
}
