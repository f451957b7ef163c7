/// A compact summary of one metric in one run, kept in the baseline history.
///
/// It holds the statistics rules judge (mean, quantiles) plus what the history-aware comparison
/// needs to separate within-run sampling noise from run-to-run spread: the sample count and the
/// standard deviation of the log values.
public struct MetricSummary: Sendable, Equatable {
    /// Samples behind the summary (requests for per-scenario metrics).
    public var count: Int
    /// Arithmetic mean (the value itself for per-scenario metrics).
    public var mean: Double
    /// Geometric mean, when all values are positive.
    public var geometricMean: Double?
    /// Median.
    public var p50: Double?
    /// 90th percentile.
    public var p90: Double?
    /// 95th percentile.
    public var p95: Double?
    /// 99th percentile.
    public var p99: Double?
    /// Standard deviation of log values, when all values are positive and there are at least 2.
    public var logStandardDeviation: Double?

    /// Creates a summary.
    public init(
        count: Int, mean: Double, geometricMean: Double? = nil, p50: Double? = nil, p90: Double? = nil,
        p95: Double? = nil, p99: Double? = nil, logStandardDeviation: Double? = nil
    ) {
        self.count = count
        self.mean = mean
        self.geometricMean = geometricMean
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.logStandardDeviation = logStandardDeviation
    }

    /// The value of a statistic, when the summary keeps it.
    public func value(of statistic: Statistic) -> Double? {
        switch statistic {
        case .mean, .value: return mean
        case .geometricMean: return geometricMean
        case .quantile(let q):
            switch q {
            case 0.5: return p50
            case 0.9: return p90
            case 0.95: return p95
            case 0.99: return p99
            default: return nil
            }
        case .min, .max: return nil
        }
    }
}

extension MetricSummary {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        func number(_ key: String) throws(FieldError) -> Double? {
            try object.optional(key)?.number(at: object.path(key))
        }
        self.init(
            count: try object.required("n").integer(at: object.path("n")),
            mean: try object.required("mean").number(at: object.path("mean")),
            geometricMean: try number("geomean"), p50: try number("p50"), p90: try number("p90"),
            p95: try number("p95"), p99: try number("p99"), logStandardDeviation: try number("log_sd"))
    }

    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["n"] = .integer(count)
        object["mean"] = .number(mean)
        object["geomean"] = geometricMean.map { .number($0) }
        object["p50"] = p50.map { .number($0) }
        object["p90"] = p90.map { .number($0) }
        object["p95"] = p95.map { .number($0) }
        object["p99"] = p99.map { .number($0) }
        object["log_sd"] = logStandardDeviation.map { .number($0) }
        return object.value
    }
}
