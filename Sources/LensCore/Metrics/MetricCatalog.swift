/// The metrics a document knows: lens-gate's built-ins plus those it declares.
///
/// A results file (or a history line) declares the metrics it brings under `"metrics"`; its
/// samples, per-scenario values and summaries may then use those names. Where two documents
/// meet (a baseline and a current run, shards, history), their declarations must agree.
public struct MetricCatalog: Sendable, Equatable {
    /// The declared metrics, by name.
    public private(set) var declared: [String: Metric]

    /// A catalog of the built-in metrics and `declared` ones.
    public init(declaring declared: [Metric] = []) {
        self.declared = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The built-in metrics only.
    public static let builtIn = MetricCatalog()

    /// The metric of that name, built in or declared.
    public func metric(named name: String) -> Metric? {
        Metric.builtIn(named: name) ?? declared[name]
    }

    /// The metric a document's key names, or the unknown-metric error at that key.
    func metric(key: String, at path: FieldPath, position: TextPosition) throws(FieldError) -> Metric {
        guard let metric = metric(named: key) else { throw FieldError(path, at: position, unknownMetric(key)) }
        return metric
    }

    /// The declared metrics, in report order.
    public var declaredMetrics: [Metric] { declared.values.sorted() }

    /// Every name known, for suggestions.
    public var names: [String] { Metric.builtIns.map(\.name) + declared.keys.sorted() }

    /// The message for a name that is neither built in nor declared.
    public func unknownMetric(_ name: String) -> String {
        "unknown metric '\(name)'\(Suggestion.hint(for: name, among: names)) (declare a metric of your own under the top-level \"metrics\")"
    }

    /// Adds a declaration; returns the differing earlier declaration of the same name, if any.
    @discardableResult
    public mutating func declare(_ metric: Metric) -> Metric? {
        if let existing = declared[metric.name] {
            return MetricDeclaration.agree(existing, metric) ? nil : existing
        }
        declared[metric.name] = metric
        return nil
    }

    /// Both catalogs' declarations, or the first name they declare differently.
    public func merged(with other: MetricCatalog) -> Result<MetricCatalog, MetricDeclaration.Conflict> {
        var merged = self
        for metric in other.declaredMetrics {
            if let existing = merged.declare(metric) {
                return .failure(MetricDeclaration.Conflict(existing: existing, other: metric))
            }
        }
        return .success(merged)
    }
}
