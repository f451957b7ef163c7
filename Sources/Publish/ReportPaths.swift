/// The report files a gating command wrote, as the user named them (for step outputs).
public struct ReportPaths: Sendable, Equatable {
    /// The JUnit XML report.
    public var junit: String?
    /// The Markdown summary.
    public var markdown: String?
    /// The JSON verdict.
    public var json: String?
    /// The OpenMetrics text.
    public var openMetrics: String?

    /// Creates the set of paths.
    public init(junit: String? = nil, markdown: String? = nil, json: String? = nil, openMetrics: String? = nil) {
        self.junit = junit
        self.markdown = markdown
        self.json = json
        self.openMetrics = openMetrics
    }
}
