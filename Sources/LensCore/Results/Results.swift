/// A results file: what one benchmark run measured, scenario by scenario (DESIGN.md contract).
///
/// Baselines use the same format. The minimal hand-written form is accepted so that any tool
/// can feed the gate: `{"schema_version": 1, "scenarios": [{"name": "s", "samples": {"ttft_ms": [1]}}]}`.
public struct Results: Sendable, Equatable {
    /// The schema version this build reads and writes.
    public static let currentSchemaVersion = 1

    /// The schema version the document declared.
    public var schemaVersion: Int
    /// When, where and how the run happened; empty for minimal hand-written files.
    public var run: RunMetadata
    /// One entry per scenario (target × workload), in the order they ran.
    public var scenarios: [ScenarioResult]
    /// Present in baselines: what the baseline was measured under (written by `baseline update`).
    public var fingerprint: BaselineFingerprint?
    /// The metrics of its own the file declares (`"metrics"`), besides the built-in ones.
    public var metrics: MetricCatalog = .builtIn

    /// Creates results.
    public init(schemaVersion: Int = Results.currentSchemaVersion, run: RunMetadata = RunMetadata(), scenarios: [ScenarioResult]) {
        self.schemaVersion = schemaVersion
        self.run = run
        self.scenarios = scenarios
    }

    /// The scenario with the given name.
    public func scenario(named name: String) -> ScenarioResult? {
        scenarios.first { $0.name == name }
    }
}

/// Facts about a run that identify it and make it reproducible.
public struct RunMetadata: Sendable, Equatable {
    /// Start time, ISO 8601 (UTC).
    public var startedAt: String?
    /// End time, ISO 8601 (UTC).
    public var finishedAt: String?
    /// False when the run was interrupted and the results are partial.
    public var complete: Bool
    /// The lens-gate version that produced the file.
    public var toolVersion: String?
    /// Digest of the benchmark-relevant configuration, to refuse apples-to-oranges comparisons.
    public var configFingerprint: String?
    /// The settings compared with a baseline, field by field (nil in files written before they were recorded).
    public var configFields: FingerprintFields?
    /// The commit and branch that were measured.
    public var git: GitInfo?
    /// The machine that ran the benchmark.
    public var host: HostInfo?
    /// Set in a shard's results file (`run --shard K/N`): which part of the load it ran.
    public var shard: Shard?
    /// Set in a merged results file (`lens-gate merge`): the shards it was made of.
    public var shards: ShardSet?

    /// Creates run metadata.
    public init(
        startedAt: String? = nil, finishedAt: String? = nil, complete: Bool = true, toolVersion: String? = nil,
        configFingerprint: String? = nil, configFields: FingerprintFields? = nil, git: GitInfo? = nil, host: HostInfo? = nil
    ) {
        self.configFields = configFields
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.complete = complete
        self.toolVersion = toolVersion
        self.configFingerprint = configFingerprint
        self.git = git
        self.host = host
    }
}

/// The revision a run measured.
public struct GitInfo: Sendable, Equatable {
    /// Commit id.
    public var commit: String?
    /// Branch or ref name.
    public var branch: String?

    /// Creates git info.
    public init(commit: String? = nil, branch: String? = nil) {
        self.commit = commit
        self.branch = branch
    }
}

/// The machine a run happened on.
public struct HostInfo: Sendable, Equatable {
    /// Host name.
    public var name: String?
    /// Operating system and version.
    public var os: String?
    /// Logical CPU count.
    public var cpuCount: Int?
    /// A user-chosen tag for the hardware class (e.g. `gha-ubuntu-4core`), part of baseline fingerprints.
    public var hardwareTag: String?

    /// Creates host info.
    public init(name: String? = nil, os: String? = nil, cpuCount: Int? = nil, hardwareTag: String? = nil) {
        self.name = name
        self.os = os
        self.cpuCount = cpuCount
        self.hardwareTag = hardwareTag
    }
}
