/// One per-scenario figure computed from an engine's own `/metrics` (e.g. `engine_vllm_preemptions`).
///
/// The name is a valid lens-gate metric name (`[a-z][a-z0-9_]*`), so rules and quality gates can
/// name it; the unit and direction say how to read and gate it.
public struct EngineFigure: Sendable, Equatable {
    /// The figure's metric name, `engine_<engine>_<what>[_<statistic>]`.
    public var name: String
    /// What the value counts.
    public var unit: Unit
    /// Which way a change is worse.
    public var better: Metric.Direction
    /// The value over the scenario's measured phase.
    public var value: Double

    /// Creates a figure.
    public init(name: String, unit: Unit, better: Metric.Direction, value: Double) {
        self.name = name
        self.unit = unit
        self.better = better
        self.value = value
    }

    /// The unit of an engine figure.
    public enum Unit: String, Sendable, Equatable {
        /// Milliseconds (engines report seconds; figures are converted).
        case milliseconds = "ms"
        /// A number of events, requests or tokens.
        case count
        /// A fraction between 0 and 1.
        case ratio
        /// Tokens per second.
        case tokensPerSecond = "tok/s"
    }

    /// The per-scenario metric a results file declares for this figure.
    public var metric: Metric {
        .declared(name, unit: Metric.Unit(rawValue: unit.rawValue), direction: better, granularity: .perScenario)
    }

    /// Whether `name` can name a declared lens-gate metric: `[a-z][a-z0-9_]*`, at most
    /// `MetricDeclaration.maximumNameLength` characters, not a built-in name.
    public static func isValidName(_ name: String) -> Bool {
        MetricDeclaration.isValidName(name) && Metric.builtIn(named: name) == nil
    }
}
