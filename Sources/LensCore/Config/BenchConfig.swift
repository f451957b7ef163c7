/// The benchmark part of `lens-gate.yaml`: targets, workloads and scenarios (top-level keys).
///
/// The runner issue fills this in; until then the keys are reserved and accepted empty.
public struct BenchConfig: Sendable, Equatable {
    /// Top-level keys of `lens-gate.yaml` that belong to the benchmark.
    public static let topLevelKeys = ["targets", "workloads", "scenarios"]

    /// Creates an empty benchmark configuration.
    public init() {}

    /// Decodes the benchmark keys of the top-level mapping.
    public init(yaml mapping: YAMLMapping) throws(FieldError) {
        self.init()
    }
}
