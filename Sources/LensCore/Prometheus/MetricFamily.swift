/// The samples of one metric family with their `# TYPE`, `# HELP` and `# UNIT` metadata.
///
/// A counter's family is named without `_total` in OpenMetrics and often with it in 0.0.4
/// (`# TYPE vllm:num_preemptions_total counter`); samples carry their own suffixed names.
public struct MetricFamily: Sendable, Equatable {
    /// The family name as declared (or the sample name, for samples without a declaration).
    public var name: String
    /// The declared type; `untyped` when none was declared.
    public var type: MetricType
    /// The `# HELP` text, escapes resolved.
    public var help: String?
    /// The OpenMetrics `# UNIT`.
    public var unit: String?
    /// The samples, in page order.
    public var samples: [ExpositionSample]

    /// Creates a family.
    public init(name: String, type: MetricType, help: String? = nil, unit: String? = nil, samples: [ExpositionSample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.samples = samples
    }

    /// The samples named `name + suffix` (`""` for the family's own name).
    public func samples(suffix: String) -> [ExpositionSample] {
        let wanted = name + suffix
        return samples.filter { $0.name == wanted }
    }

    /// The sum of the family's finite `name + suffix` values over its series (every label set),
    /// nil when it has none.
    public func total(suffix: String = "") -> Double? {
        let values = samples(suffix: suffix).map(\.value).filter(\.isFinite)
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}
