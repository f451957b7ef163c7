/// A compact summary of one metric in one run, kept in the baseline history.
///
/// It holds the statistics rules judge (mean, quantiles) plus what the history-aware comparison
/// needs to separate within-run sampling noise from run-to-run spread: the sample count, the
/// standard deviation of the log values and the quantiles' own standard errors on the log scale.
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
    /// Distribution-free (Maritz–Jarrett) standard errors of the log of p50, p90, p95 and p99, by
    /// probability, where the sample allows one; history lines written before they existed have none.
    public var quantileLogErrors: [Double: Double]

    /// The probabilities whose quantiles a summary keeps.
    public static let quantileProbabilities: [Double] = [0.5, 0.9, 0.95, 0.99]

    /// Creates a summary.
    public init(
        count: Int, mean: Double, geometricMean: Double? = nil, p50: Double? = nil, p90: Double? = nil,
        p95: Double? = nil, p99: Double? = nil, logStandardDeviation: Double? = nil, quantileLogErrors: [Double: Double] = [:]
    ) {
        self.count = count
        self.mean = mean
        self.geometricMean = geometricMean
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.logStandardDeviation = logStandardDeviation
        self.quantileLogErrors = quantileLogErrors
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
            try object.optional(key)?.number(at: object.path(key), in: InputLimits.sampleValue)
        }
        var errors: [Double: Double] = [:]
        if let node = object.optional("log_se") {
            let errorObject = try node.object(at: object.path("log_se"))
            for probability in Self.quantileProbabilities {
                let key = Self.key(probability)
                if let value = errorObject.optional(key) {
                    let error = try value.number(at: errorObject.path(key), in: InputLimits.sampleValue)
                    guard error >= 0 else {
                        throw FieldError(errorObject.path(key), at: value.position, "a standard error must be ≥ 0, found \(error)")
                    }
                    errors[probability] = error
                }
            }
        }
        self.init(
            count: try object.required("n").integer(at: object.path("n"), in: InputLimits.count),
            mean: try object.required("mean").number(at: object.path("mean"), in: InputLimits.sampleValue),
            geometricMean: try number("geomean"), p50: try number("p50"), p90: try number("p90"),
            p95: try number("p95"), p99: try number("p99"), logStandardDeviation: try number("log_sd"),
            quantileLogErrors: errors)
    }

    /// `p50` for 0.5, `p99` for 0.99: the key of a kept quantile.
    static func key(_ probability: Double) -> String { Statistic.quantile(probability).description }

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
        if !quantileLogErrors.isEmpty {
            var errors = JSONObjectBuilder()
            for probability in Self.quantileProbabilities {
                errors[Self.key(probability)] = quantileLogErrors[probability].map { .number($0) }
            }
            object["log_se"] = errors.value
        }
        return object.value
    }
}
