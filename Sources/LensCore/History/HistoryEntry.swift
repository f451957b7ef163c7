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
    /// The metrics of its own the summarized results declared (`"metrics"`).
    public var metrics: MetricCatalog = .builtIn
    /// The digest of the baseline file this refresh wrote (`baseline_digest`); nil in lines
    /// written before digests existed. See `HistoryLineage` for how readers use it.
    public var baselineDigest: BaselineDigest?
    /// The digest of the baseline file it replaced (`replaced_digest`); nil when there was none.
    public var replacedDigest: BaselineDigest?
    /// Which repetition of one job this line is, when `baseline update` recorded several runs of
    /// the same job at once (`repetition`); nil for a line that is a job of its own.
    public var repetition: Repetition?

    /// The place of a line among the repetitions of one job that one `baseline update` recorded
    /// (several `--from`): such lines share the job's speed, so they show within-job spread only.
    public struct Repetition: Sendable, Equatable {
        /// 1-based position among the job's repetitions (the last one is the baseline).
        public var index: Int
        /// How many repetitions the job recorded (at least 2).
        public var count: Int

        /// The most repetitions one update records: more adds little to a model that needs
        /// between-job spread, and bounds what a history line may claim.
        public static let maximumCount = 100

        /// Creates a marker; nil unless 1 ≤ index ≤ count and 2 ≤ count ≤ `maximumCount`.
        public init?(index: Int, of count: Int) {
            guard (2...Self.maximumCount).contains(count), (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }
    }

    /// Whether this line is the repetition just before `newer` in the same seeded update: its
    /// position is one less, of the same count, with the same digests.
    public func isRepetition(before newer: HistoryEntry) -> Bool {
        guard let mine = repetition, let theirs = newer.repetition else { return false }
        return mine.count == theirs.count && mine.index + 1 == theirs.index
            && baselineDigest == newer.baselineDigest && replacedDigest == newer.replacedDigest
    }

    /// The job of each of `entries` (oldest first), numbered from 0: the repetitions of one seeded
    /// update share a number, every other line is a job of its own.
    public static func jobIndices(_ entries: [HistoryEntry]) -> [Int] {
        var indices: [Int] = []
        for (index, entry) in entries.enumerated() {
            let job = indices.last.map { index > 0 && entries[index - 1].isRepetition(before: entry) ? $0 : $0 + 1 } ?? 0
            indices.append(job)
        }
        return indices
    }

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
                throw FieldError(
                    object.path("schema_version"), at: versionNode.position,
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
        if let node = object.optional("repetition") {
            let marker = try node.object(at: object.path("repetition"))
            let index = try marker.required("index").integer(at: marker.path("index"))
            let count = try marker.required("of").integer(at: marker.path("of"))
            guard let repetition = Repetition(index: index, of: count) else {
                throw FieldError(
                    object.path("repetition"), at: node.position,
                    "repetition \(index) of \(count) is out of range (index 1 to 'of', 'of' 2 to \(Repetition.maximumCount))")
            }
            self.repetition = repetition
        }
        metrics =
            try object.optional("metrics").map { (node) throws(FieldError) in
                try MetricDeclaration.catalog(json: node, at: object.path("metrics"))
            } ?? .builtIn
        let scenariosObject = try object.required("scenarios").object(at: object.path("scenarios"))
        for (name, scenarioNode) in scenariosObject.members {
            let metricsObject = try scenarioNode.object(at: scenariosObject.path(name))
            var metrics: [Metric: MetricSummary] = [:]
            for (key, summaryNode) in metricsObject.members {
                guard let metric = self.metrics.metric(named: key) else {
                    throw FieldError(metricsObject.path(key), at: summaryNode.position, self.metrics.unknownMetric(key))
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
        if let repetition {
            var marker = JSONObjectBuilder()
            marker["index"] = .integer(repetition.index)
            marker["of"] = .integer(repetition.count)
            object["repetition"] = marker.value
        }
        object["metrics"] = MetricDeclaration.json(metrics)
        object["scenarios"] = .object(
            scenarios.keys.sorted().map { name in
                let metrics = scenarios[name] ?? [:]
                let members = metrics.keys.sorted().compactMap { metric in
                    metrics[metric].map { (key: metric.name, value: JSONNode($0.json)) }
                }
                return (key: name, value: JSONNode(.object(members)))
            })
        return object.value
    }
}
