import LensCore

/// The pull request a comment goes to: `owner/name` and number.
public struct GitHubPullRequest: Sendable, Equatable, CustomStringConvertible {
    /// `owner/name`.
    public var repository: String
    /// The pull request number.
    public var number: Int

    /// Checks the repository's shape (it becomes part of API paths) and the number.
    public init(repository: String, number: Int) throws(CommentFailure) {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "._-".contains(c)) }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy(allowed) }) else {
            throw CommentFailure(
                platform: "GitHub", reason: "'\(APIResponse.singleLine(repository, limit: 100))' is not a repository",
                remedy: "pass --repo OWNER/NAME or set GITHUB_REPOSITORY")
        }
        guard number > 0 else {
            throw CommentFailure(
                platform: "GitHub", reason: "pull request number \(number) is not positive",
                remedy: "pass --pr with the pull request's number")
        }
        self.repository = repository
        self.number = number
    }

    /// `owner/name#number`.
    public var description: String { "\(repository)#\(number)" }

    /// The pull request number in a GitHub event file (`pull_request.number`), or nil when the event has none.
    public static func number(inEventFile path: String) throws(CommentFailure) -> Int? {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, role: "GitHub event")
        } catch {
            throw CommentFailure(platform: "GitHub", reason: "\(error)", remedy: "pass --pr with the pull request's number")
        }
        guard let event = try? JSONParser.parse(bytes).value else {
            throw CommentFailure(
                platform: "GitHub", reason: "\(path) is not valid JSON", remedy: "pass --pr with the pull request's number")
        }
        return event["pull_request"]?["number"]?.integerValue
    }
}
