/// One benchmark to run: a target, a workload and the load to offer (an entry of `scenarios:`).
///
/// With `baseline_target`, the scenario is an interleaved A/B comparison run in one job: `target`
/// is the candidate, and requests alternate between the two targets in randomized blocks.
public struct ScenarioConfig: Sendable, Equatable {
    /// Unique name; the key that pairs results with the baseline.
    public var name: String
    /// The target's name (the candidate when `baselineTarget` is set).
    public var target: String
    /// The baseline target of an interleaved A/B scenario, or nil for an ordinary one.
    public var baselineTarget: String?
    /// Requests per side in each randomized block of an interleaved scenario (nil: the default).
    public var blockSize: Int?
    /// The workload's name.
    public var workload: String
    /// The load profile (run defaults with this scenario's keys over them).
    public var load: LoadConfig
    /// When to give up.
    public var abort: AbortPolicy
    /// The SLO goodput is judged under (the top-level `slo` with this scenario's keys over it), or nil for none.
    public var slo: ServiceLevelObjective?
    /// Where the entry is written.
    public var position: TextPosition

    /// Requests per side in each randomized block when `block_size` is not given.
    public static let defaultBlockSize = 10

    /// Creates a scenario.
    public init(
        name: String, target: String, workload: String, load: LoadConfig = LoadConfig(),
        abort: AbortPolicy = AbortPolicy(), baselineTarget: String? = nil, blockSize: Int? = nil,
        slo: ServiceLevelObjective? = nil, position: TextPosition = .unknown
    ) {
        self.name = name
        self.target = target
        self.baselineTarget = baselineTarget
        self.blockSize = blockSize
        self.workload = workload
        self.load = load
        self.abort = abort
        self.slo = slo
        self.position = position
    }

    /// Whether requests alternate between a baseline and a candidate target.
    public var isInterleaved: Bool { baselineTarget != nil }

    /// Requests per side in each randomized block (the configured size, else the default).
    public var effectiveBlockSize: Int { blockSize ?? Self.defaultBlockSize }
}

extension ScenarioConfig {
    static let keys = ["name", "target", "baseline_target", "block_size", "workload", "load", "abort", "slo"]

    /// Decodes one entry of `scenarios:`, checking that the target and workload exist; `slo` is the top-level SLO.
    init(
        yaml node: YAMLNode, at path: FieldPath, targets: DefinedNames, workloads: DefinedNames, defaults: RunDefaults,
        slo inherited: ServiceLevelObjective? = nil
    ) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        func reference(_ key: String, among defined: DefinedNames, kind: String) throws(FieldError) -> String {
            let node = try mapping.required(key)
            let name = try node.string(at: mapping.path(key))
            guard !defined.contains(name) else { return name }
            let names = defined.ordered
            let known = names.isEmpty ? "none are defined under \(kind)s:" : "defined: \(names.joined(separator: ", "))"
            throw FieldError(
                mapping.path(key), at: node.position,
                "unknown \(kind) '\(name)'\(Suggestion.hint(for: name, among: names)); \(known)")
        }
        let nameNode = try mapping.required("name")
        let name = try nameNode.string(at: mapping.path("name"))
        guard !name.trimmingWhitespace.isEmpty else { throw FieldError(mapping.path("name"), at: nameNode.position, "name is empty") }
        let target = try reference("target", among: targets, kind: "target")
        let baselineTarget: String? =
            mapping.optional("baseline_target") == nil
            ? nil
            : try reference("baseline_target", among: targets, kind: "target")
        let blockSize = try mapping.optional("block_size").map { (node) throws(FieldError) in
            try node.integer(at: mapping.path("block_size"), in: InputLimits.blockSize)
        }
        if let node = mapping.optional("block_size"), baselineTarget == nil {
            throw FieldError(
                mapping.path("block_size"), at: node.position,
                "block_size applies only to interleaved scenarios: add baseline_target (the target to compare with)")
        }
        let workload = try reference("workload", among: workloads, kind: "workload")
        let load =
            try mapping.optional("load").map { (node) throws(FieldError) in
                try LoadConfig(yaml: node, at: mapping.path("load"), over: defaults.load)
            } ?? defaults.load
        let abort =
            try mapping.optional("abort").map { (node) throws(FieldError) in
                try AbortPolicy(yaml: node, at: mapping.path("abort"), over: defaults.abort)
            } ?? defaults.abort
        var slo = inherited
        if let node = mapping.optional("slo") {
            let own = try ServiceLevelObjective(yaml: node, at: mapping.path("slo"))
            slo = inherited?.overridden(by: own) ?? own
        }
        self.init(
            name: name, target: target, workload: workload, load: load, abort: abort, baselineTarget: baselineTarget,
            blockSize: blockSize, slo: slo, position: node.position)
    }
}

/// Names defined in the config (targets, workloads), in document order for messages, with a set
/// for the lookups every scenario makes.
struct DefinedNames {
    /// The names in document order.
    let ordered: [String]
    private let members: Set<String>

    init(_ names: [String]) {
        ordered = names
        members = Set(names)
    }

    func contains(_ name: String) -> Bool { members.contains(name) }
}
