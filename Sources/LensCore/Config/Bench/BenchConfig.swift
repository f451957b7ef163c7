/// The benchmark part of `lens-gate.yaml`: targets, workloads, scenarios, pricing and run defaults.
public struct BenchConfig: Sendable, Equatable {
    /// Top-level keys of `lens-gate.yaml` that belong to the benchmark.
    public static let topLevelKeys = ["targets", "workloads", "scenarios", "pricing", "run", "slo"]

    /// Endpoints, in document order.
    public var targets: [TargetConfig]
    /// Prompt sets and generation parameters, in document order.
    public var workloads: [WorkloadConfig]
    /// Target × workload × load combinations to run, in order.
    public var scenarios: [ScenarioConfig]
    /// Prices per model for `cost_usd`.
    public var pricing: PricingTable
    /// Defaults shared by all scenarios.
    public var run: RunDefaults
    /// The top-level SLO that goodput is judged under (each scenario's `slo` keys go over it).
    public var slo: ServiceLevelObjective?

    /// Creates a benchmark configuration (empty by default: a gate-only config has no benchmark).
    public init(
        targets: [TargetConfig] = [], workloads: [WorkloadConfig] = [], scenarios: [ScenarioConfig] = [],
        pricing: PricingTable = PricingTable(), run: RunDefaults = RunDefaults(), slo: ServiceLevelObjective? = nil
    ) {
        self.targets = targets
        self.workloads = workloads
        self.scenarios = scenarios
        self.pricing = pricing
        self.run = run
        self.slo = slo
    }

    /// Decodes the benchmark keys of the top-level mapping.
    public init(yaml mapping: YAMLMapping) throws(FieldError) {
        self.init()
        if let node = mapping.optional("run") { run = try RunDefaults(yaml: node, at: mapping.path("run")) }
        if let node = mapping.optional("slo") { slo = try ServiceLevelObjective(yaml: node, at: mapping.path("slo")) }
        if let node = mapping.optional("pricing") { pricing = try PricingTable(yaml: node, at: mapping.path("pricing")) }
        if let node = mapping.optional("targets") {
            let targetMapping = try Self.namedEntries(node, at: mapping.path("targets"), kind: "target")
            for entry in targetMapping.entries {
                targets.append(try TargetConfig(name: entry.key, yaml: entry.value, at: targetMapping.path(entry.key)))
            }
        }
        if let node = mapping.optional("workloads") {
            let workloadMapping = try Self.namedEntries(node, at: mapping.path("workloads"), kind: "workload")
            for entry in workloadMapping.entries {
                workloads.append(try WorkloadConfig(name: entry.key, yaml: entry.value, at: workloadMapping.path(entry.key)))
            }
        }
        if let node = mapping.optional("scenarios") {
            let path = mapping.path("scenarios")
            var seen: Set<String> = []
            // Built once: looking names up per scenario made 10,000 scenarios × 10,000 targets quadratic.
            let targetNames = DefinedNames(targets.map(\.name))
            let workloadNames = DefinedNames(workloads.map(\.name))
            for (i, item) in try node.sequence(at: path).enumerated() {
                let scenario = try ScenarioConfig(
                    yaml: item, at: path.appending(i), targets: targetNames,
                    workloads: workloadNames, defaults: run, slo: slo)
                guard seen.insert(scenario.name).inserted else {
                    throw FieldError(path.appending(i).appending("name"), at: item.position, "duplicate scenario name '\(scenario.name)'")
                }
                scenarios.append(scenario)
            }
        }
    }

    /// The target with the given name.
    public func target(named name: String) -> TargetConfig? { targets.first { $0.name == name } }

    /// The workload with the given name.
    public func workload(named name: String) -> WorkloadConfig? { workloads.first { $0.name == name } }

    /// `targets:` and `workloads:` are mappings from name to settings; a list is a common slip worth a clear message.
    private static func namedEntries(_ node: YAMLNode, at path: FieldPath, kind: String) throws(FieldError) -> YAMLMapping {
        if case .sequence = node.value {
            throw FieldError(
                path, at: node.position,
                "expected a mapping from \(kind) name to its settings (e.g. 'local: {provider: vllm, model: m}'), found a list")
        }
        return try node.mapping(at: path)
    }
}
