import ArgumentParser

/// `lens-gate comment github|gitlab`: keep one summary comment on the pull or merge request up to date.
struct CommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Post the Markdown summary as a sticky pull/merge request comment.",
        discussion: """
            Finds lens-gate's earlier comment (by author and the hidden marker \
            '<!-- lens-gate:NAME -->'), updates it, leaves it alone when the text is unchanged, or \
            creates it. Tokens are read from the environment only and never printed.

            Posting is best effort: a failure prints one warning line naming what to fix and exits 0, \
            so that the gate's verdict decides the job. With --strict-comment a failure exits 2.
            """,
        subcommands: [CommentGitHubCommand.self, CommentGitLabCommand.self])
}
