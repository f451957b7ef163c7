/// A summary statistic of a metric's samples, as rules name it (`p95`, `mean`, `median`).
public enum Statistic: Sendable, Hashable, CustomStringConvertible {
    /// Arithmetic mean.
    case mean
    /// Geometric mean (latencies are multiplicative; a robust center for skewed data).
    case geometricMean
    /// A quantile in (0, 1): `p95` is `.quantile(0.95)`; `median` is `.quantile(0.5)`.
    case quantile(Double)
    /// Smallest value.
    case min
    /// Largest value.
    case max
    /// The single value of a per-scenario metric (`error_rate`, throughputs).
    case value

    /// Parses `mean`, `geomean`, `median`, `min`, `max`, `value` or `pNN` / `pNN.N` (`p99.9`).
    public init?(_ text: String) {
        switch text.lowercased() {
        case "mean", "avg", "average": self = .mean
        case "geomean", "geometric_mean": self = .geometricMean
        case "median": self = .quantile(0.5)
        case "min": self = .min
        case "max": self = .max
        case "value": self = .value
        default:
            guard text.first == "p" || text.first == "P", let percent = Double(text.dropFirst()) else { return nil }
            // Round to a thousandth of a percent so that `p99.9` is exactly the double 0.999; the
            // rounded value must stay inside (0, 100): `p99.9999` would round to the maximum, a
            // quantile of 1 that no sample can estimate (and that made the needed sample count infinite).
            let thousandths = (percent * 1000).rounded()
            guard thousandths >= 1, thousandths <= 99_999 else { return nil }
            self = .quantile(thousandths / 100_000)
        }
    }

    /// The canonical spelling: `p95`, `p99.9`, `mean`.
    public var description: String {
        switch self {
        case .mean: return "mean"
        case .geometricMean: return "geomean"
        case .quantile(let q):
            let percent = (q * 100 * 1000).rounded() / 1000
            return percent == percent.rounded() ? "p\(Int(percent))" : "p\(percent)"
        case .min: return "min"
        case .max: return "max"
        case .value: return "value"
        }
    }

    /// Words a user may write, for suggestions.
    public static let spellings = ["mean", "geomean", "median", "min", "max", "p50", "p90", "p95", "p99", "value"]
}

/// A metric together with the statistic a rule judges it by, written `ttft_ms.p95`.
public struct MetricStatistic: Sendable, Hashable, CustomStringConvertible {
    /// The metric.
    public var metric: Metric
    /// The statistic; always `.value` for per-scenario metrics.
    public var statistic: Statistic

    /// Creates a metric statistic.
    public init(_ metric: Metric, _ statistic: Statistic) {
        self.metric = metric
        self.statistic = metric.granularity == .perScenario ? .value : statistic
    }

    /// Parses `ttft_ms.p95`, `e2e_ms.mean` or a bare per-scenario metric such as `error_rate`.
    ///
    /// A name that is not built in is a metric the results must declare (`queue_ms.p95`, or bare
    /// `engine_preemptions` for a per-scenario one), unless it looks like a misspelt built-in name.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: ".", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let metric: Metric
        if let builtIn = Metric.builtIn(named: name) {
            metric = builtIn
        } else {
            let hint = Suggestion.hint(for: name, among: Metric.builtIns.map(\.name))
            guard hint.isEmpty, MetricDeclaration.isValidName(name) else {
                throw ParseError(
                    "unknown metric '\(name)'\(hint)\(hint.isEmpty ? " (a metric of your own must be a lowercase identifier declared by the results)" : "")"
                )
            }
            metric = .referenced(name, granularity: parts.count == 1 || parts[1] == "value" ? .perScenario : .perRequest)
        }
        if metric.granularity == .perScenario {
            guard parts.count == 1 || parts[1] == "value" else {
                throw ParseError("\(name) has one value per scenario; write '\(name)' without a statistic")
            }
            self.init(metric, .value)
            return
        }
        guard parts.count == 2 else {
            throw ParseError("'\(trimmed)' needs a statistic, e.g. '\(name).p95' or '\(name).mean'")
        }
        guard let statistic = Statistic(parts[1]), statistic != .value else {
            throw ParseError(
                "unknown statistic '\(parts[1])'\(Suggestion.hint(for: parts[1], among: Statistic.spellings)); use mean, geomean, median, min, max or pNN from p0.001 to p99.999 (p95, p99.9)"
            )
        }
        self.init(metric, statistic)
    }

    public var description: String {
        statistic == .value ? metric.name : "\(metric.name).\(statistic)"
    }

    /// A short parse failure message, placed at a field by the caller.
    public struct ParseError: Error, Sendable {
        /// What is wrong.
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
