/// One line of `baselines/history/<name>.jsonl`: the summary of one accepted baseline refresh.
public struct HistoryEntry: Sendable, Equatable {
    /// When the run started (ISO 8601), as recorded in its results.
    public var recordedAt: String?
    /// The commit that was measured.
    public var commit: String?
    /// The benchmark configuration digest.
    public var configDigest: String?
    /// The lens-gate version.
    public var toolVersion: String?
    /// The hardware class.
    public var hardwareTag: String?
    /// Per-scenario, per-metric summaries.
    public var scenarios: [String: [Metric: MetricSummary]]
    /// The digest of the baseline file this refresh wrote (`baseline_digest`); nil in lines
    /// written before digests existed. See `HistoryLineage` for how readers use it.
    public var baselineDigest: BaselineDigest?
    /// The digest of the baseline file it replaced (`replaced_digest`); nil when there was none.
    public var replacedDigest: BaselineDigest?

    /// Creates an entry.
    public init(
        recordedAt: String? = nil, commit: String? = nil, configDigest: String? = nil, toolVersion: String? = nil,
        hardwareTag: String? = nil, scenarios: [String: [Metric: MetricSummary]] = [:]
    ) {
        self.recordedAt = recordedAt
        self.commit = commit
        self.configDigest = configDigest
        self.toolVersion = toolVersion
        self.hardwareTag = hardwareTag
        self.scenarios = scenarios
    }

    /// The summary of one metric in one scenario.
    public func summary(_ scenario: String, _ metric: Metric) -> MetricSummary? {
        scenarios[scenario]?[metric]
    }
}

extension HistoryEntry {
    /// The schema version of history lines.
    public static let schemaVersion = 1

    /// Decodes one history line.
    public init(json node: JSONNode, at path: FieldPath = .root) throws(FieldError) {
        let object = try node.object(at: path)
        if let versionNode = object.optional("schema_version") {
            let version = try versionNode.integer(at: object.path("schema_version"))
            guard version == HistoryEntry.schemaVersion else {
                throw FieldError(object.path("schema_version"), at: versionNode.position,
                                 "unsupported history schema_version \(version) (this lens-gate reads \(HistoryEntry.schemaVersion))")
            }
        }
        self.init()
        recordedAt = try object.optional("recorded_at")?.string(at: object.path("recorded_at"))
        commit = try object.optional("commit")?.string(at: object.path("commit"))
        configDigest = try object.optional("config_digest")?.string(at: object.path("config_digest"))
        toolVersion = try object.optional("tool_version")?.string(at: object.path("tool_version"))
        hardwareTag = try object.optional("hardware_tag")?.string(at: object.path("hardware_tag"))
        if let digest = try object.optional("baseline_digest")?.string(at: object.path("baseline_digest")) {
            baselineDigest = BaselineDigest(text: digest)
        }
        if let digest = try object.optional("replaced_digest")?.string(at: object.path("replaced_digest")) {
            replacedDigest = BaselineDigest(text: digest)
        }
        let scenariosObject = try object.required("scenarios").object(at: object.path("scenarios"))
        for (name, scenarioNode) in scenariosObject.members {
            let metricsObject = try scenarioNode.object(at: scenariosObject.path(name))
            var metrics: [Metric: MetricSummary] = [:]
            for (key, summaryNode) in metricsObject.members {
                guard let metric = Metric(rawValue: key) else {
                    throw FieldError(metricsObject.path(key), at: summaryNode.position,
                                     "unknown metric '\(key)'\(Suggestion.hint(for: key, among: Metric.allCases.map(\.rawValue)))")
                }
                metrics[metric] = try MetricSummary(json: summaryNode, at: metricsObject.path(key))
            }
            scenarios[name] = metrics
        }
    }

    /// The entry as a JSON value (written on one line by `HistoryFile`).
    public var json: JSONValue {
        var object = JSONObjectBuilder()
        object["schema_version"] = .integer(HistoryEntry.schemaVersion)
        object["recorded_at"] = recordedAt.map { .string($0) }
        object["commit"] = commit.map { .string($0) }
        object["config_digest"] = configDigest.map { .string($0) }
        object["tool_version"] = toolVersion.map { .string($0) }
        object["hardware_tag"] = hardwareTag.map { .string($0) }
        object["baseline_digest"] = baselineDigest.map { .string($0.text) }
        object["replaced_digest"] = replacedDigest.map { .string($0.text) }
        object["scenarios"] = .object(scenarios.keys.sorted().map { name in
            let metrics = scenarios[name] ?? [:]
            let members = metrics.keys.sorted().compactMap { metric in
                metrics[metric].map { (key: metric.rawValue, value: JSONNode($0.json)) }
            }
            return (key: name, value: JSONNode(.object(members)))
        })
        return object.value
    }
}
