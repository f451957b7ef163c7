/// How a document declares a metric of its own: `"queue_ms": {"unit": "ms", "better": "lower", "per": "request"}`.
///
/// `per` is `request` (a sample list under `samples`, the default) or `scenario` (one number under
/// the scenario's `values`). Names are lowercase identifiers so that rules can write `queue_ms.p95`.
public enum MetricDeclaration {
    /// The longest name or unit a declaration may give.
    public static let maximumNameLength = 64
    /// The longest unit spelling.
    public static let maximumUnitLength = 16

    /// Two declarations of one name that differ.
    public struct Conflict: Error, Sendable, Equatable {
        /// The declaration seen first.
        public var existing: Metric
        /// The one that disagrees with it.
        public var other: Metric

        /// One line saying what differs.
        public var reason: String {
            "metric '\(existing.name)' is declared as \(MetricDeclaration.summary(existing)) in one file and \(MetricDeclaration.summary(other)) in the other"
        }
    }

    /// Whether two declarations of one name say the same.
    static func agree(_ left: Metric, _ right: Metric) -> Bool {
        left.unit == right.unit && left.direction == right.direction && left.granularity == right.granularity
    }

    /// `ms, lower is better, per request`.
    public static func summary(_ metric: Metric) -> String {
        let better = metric.direction == .lowerIsBetter ? "lower" : "higher"
        let per = metric.granularity == .perRequest ? "request" : "scenario"
        return "{unit: \(metric.unit.rawValue), better: \(better), per: \(per)}"
    }

    /// Whether `name` may name a declared metric: a lowercase identifier, not too long.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= maximumNameLength else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Reads a `"metrics"` object into a catalog.
    public static func catalog(json node: JSONNode, at path: FieldPath) throws(FieldError) -> MetricCatalog {
        let object = try node.object(at: path)
        var catalog = MetricCatalog()
        for (name, declarationNode) in object.members {
            let metric = try declaration(name, json: declarationNode, at: object.path(name))
            catalog.declare(metric)
        }
        return catalog
    }

    private static func declaration(_ name: String, json node: JSONNode, at path: FieldPath) throws(FieldError) -> Metric {
        if Metric.builtIn(named: name) != nil {
            throw FieldError(path, at: node.position, "'\(name)' is a built-in metric; declare only metrics of your own")
        }
        guard isValidName(name) else {
            throw FieldError(
                path, at: node.position,
                "metric name '\(InertText.singleLine(String(name.prefix(80))))' must be a lowercase identifier (a-z, 0-9, _; starting with a letter; at most \(maximumNameLength) characters)"
            )
        }
        let object = try node.object(at: path)
        let known = ["unit", "better", "per"]
        for (key, valueNode) in object.members where !known.contains(key) {
            throw FieldError(object.path(key), at: valueNode.position, "unknown key '\(key)'\(Suggestion.hint(for: key, among: known))")
        }
        let unitNode = try object.required("unit")
        let unit = try unitNode.string(at: object.path("unit"))
        guard !unit.isEmpty, unit.count <= maximumUnitLength,
            unit.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw FieldError(
                object.path("unit"), at: unitNode.position,
                "unit must be 1 to \(maximumUnitLength) printable ASCII characters without spaces (ms, count, tok/s)")
        }
        let betterNode = try object.required("better")
        let direction: Metric.Direction
        switch try betterNode.string(at: object.path("better")) {
        case "lower": direction = .lowerIsBetter
        case "higher": direction = .higherIsBetter
        case let other:
            throw FieldError(
                object.path("better"), at: betterNode.position,
                "better must be 'lower' or 'higher', found '\(InertText.singleLine(String(other.prefix(40))))'")
        }
        var granularity = Metric.Granularity.perRequest
        if let perNode = object.optional("per") {
            switch try perNode.string(at: object.path("per")) {
            case "request": granularity = .perRequest
            case "scenario": granularity = .perScenario
            case let other:
                throw FieldError(
                    object.path("per"), at: perNode.position,
                    "per must be 'request' or 'scenario', found '\(InertText.singleLine(String(other.prefix(40))))'")
            }
        }
        return Metric.declared(name, unit: Metric.Unit(rawValue: unit), direction: direction, granularity: granularity)
    }

    /// The `"metrics"` object of a catalog's declarations; nil when it declares none.
    public static func json(_ catalog: MetricCatalog) -> JSONValue? {
        let metrics = catalog.declaredMetrics
        guard !metrics.isEmpty else { return nil }
        return .object(
            metrics.map { metric in
                (
                    key: metric.name,
                    value: JSONNode(
                        .fields([
                            "unit": .string(metric.unit.rawValue),
                            "better": .string(metric.direction == .lowerIsBetter ? "lower" : "higher"),
                            "per": .string(metric.granularity == .perRequest ? "request" : "scenario"),
                        ]))
                )
            })
    }
}
