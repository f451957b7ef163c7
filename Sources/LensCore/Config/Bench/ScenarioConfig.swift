/// One benchmark to run: a target, a workload and the load to offer (an entry of `scenarios:`).
public struct ScenarioConfig: Sendable, Equatable {
    /// Unique name; the key that pairs results with the baseline.
    public var name: String
    /// The target's name.
    public var target: String
    /// The workload's name.
    public var workload: String
    /// The load profile (run defaults with this scenario's keys over them).
    public var load: LoadConfig
    /// When to give up.
    public var abort: AbortPolicy
    /// Where the entry is written.
    public var position: TextPosition

    /// Creates a scenario.
    public init(name: String, target: String, workload: String, load: LoadConfig = LoadConfig(),
                abort: AbortPolicy = AbortPolicy(), position: TextPosition = .unknown) {
        self.name = name
        self.target = target
        self.workload = workload
        self.load = load
        self.abort = abort
        self.position = position
    }
}

extension ScenarioConfig {
    static let keys = ["name", "target", "workload", "load", "abort"]

    /// Decodes one entry of `scenarios:`, checking that the target and workload exist.
    init(yaml node: YAMLNode, at path: FieldPath, targets: [String], workloads: [String], defaults: RunDefaults) throws(FieldError) {
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        func reference(_ key: String, among names: [String], kind: String) throws(FieldError) -> String {
            let node = try mapping.required(key)
            let name = try node.string(at: mapping.path(key))
            guard names.contains(name) else {
                let known = names.isEmpty ? "none are defined under \(kind)s:" : "defined: \(names.joined(separator: ", "))"
                throw FieldError(mapping.path(key), at: node.position,
                                 "unknown \(kind) '\(name)'\(Suggestion.hint(for: name, among: names)); \(known)")
            }
            return name
        }
        let nameNode = try mapping.required("name")
        let name = try nameNode.string(at: mapping.path("name"))
        guard !name.trimmingWhitespace.isEmpty else { throw FieldError(mapping.path("name"), at: nameNode.position, "name is empty") }
        let target = try reference("target", among: targets, kind: "target")
        let workload = try reference("workload", among: workloads, kind: "workload")
        let load = try mapping.optional("load").map { (node) throws(FieldError) in
            try LoadConfig(yaml: node, at: mapping.path("load"), over: defaults.load)
        } ?? defaults.load
        let abort = try mapping.optional("abort").map { (node) throws(FieldError) in
            try AbortPolicy(yaml: node, at: mapping.path("abort"), over: defaults.abort)
        } ?? defaults.abort
        self.init(name: name, target: target, workload: workload, load: load, abort: abort, position: node.position)
    }
}
