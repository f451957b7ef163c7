/// What GitHub Actions tells a step through its environment.
public struct GitHubContext: Sendable, Equatable {
    /// Whether the process runs in GitHub Actions (`GITHUB_ACTIONS=true`).
    public var isActions: Bool
    /// The file step outputs are appended to (`GITHUB_OUTPUT`).
    public var outputPath: String?
    /// The REST API root (`GITHUB_API_URL`, default `https://api.github.com`), without a trailing slash.
    public var apiURL: String
    /// `owner/name` of the repository (`GITHUB_REPOSITORY`).
    public var repository: String?
    /// The JSON file describing the triggering event (`GITHUB_EVENT_PATH`).
    public var eventPath: String?
    /// The page of this workflow run, whose summary holds the full report.
    public var runURL: String?

    /// Reads the context from an environment.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        isActions = environment["GITHUB_ACTIONS"] == "true"
        outputPath = value("GITHUB_OUTPUT")
        var api = value("GITHUB_API_URL") ?? "https://api.github.com"
        while api.hasSuffix("/") { api.removeLast() }
        apiURL = api
        repository = value("GITHUB_REPOSITORY")
        eventPath = value("GITHUB_EVENT_PATH")
        if let server = value("GITHUB_SERVER_URL"), let repository, let run = value("GITHUB_RUN_ID") {
            runURL = "\(server)/\(repository)/actions/runs/\(run)"
        }
    }
}
