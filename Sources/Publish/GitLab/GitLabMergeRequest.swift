/// The merge request a note goes to: the project (numeric id or `group/project` path) and its IID.
public struct GitLabMergeRequest: Sendable, Equatable, CustomStringConvertible {
    /// The project id or full path, as given.
    public var project: String
    /// The merge request's internal id (`!IID`).
    public var iid: Int

    /// Checks the project reference and the IID.
    public init(project: String, iid: Int) throws(CommentFailure) {
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "._-/".contains(c)) }
        guard !project.isEmpty, project.allSatisfy(allowed), !project.split(separator: "/").contains(where: { $0 == ".." }) else {
            throw CommentFailure(
                platform: "GitLab", reason: "'\(APIResponse.singleLine(project, limit: 100))' is not a project id or path",
                remedy: "pass --project ID or set CI_PROJECT_ID")
        }
        guard iid > 0 else {
            throw CommentFailure(
                platform: "GitLab", reason: "merge request IID \(iid) is not positive",
                remedy: "pass --mr with the merge request's IID")
        }
        self.project = project
        self.iid = iid
    }

    /// The project as an API path segment: a path has its slashes encoded (`group%2Fproject`).
    public var projectSegment: String { project.replacingOccurrences(of: "/", with: "%2F") }

    /// `project!iid`.
    public var description: String { "\(project)!\(iid)" }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
