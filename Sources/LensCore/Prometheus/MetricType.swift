/// The type a `# TYPE` line gives a metric family, in the Prometheus text format 0.0.4 and OpenMetrics 1.0.
public enum MetricType: String, Sendable, Equatable, CaseIterable {
    /// A monotonically increasing total (`_total`, `_created`).
    case counter
    /// A value that goes up and down.
    case gauge
    /// Cumulative `le` buckets with `_sum` and `_count`.
    case histogram
    /// Client-side quantiles with `_sum` and `_count`.
    case summary
    /// Prometheus 0.0.4's "no type given".
    case untyped
    /// OpenMetrics' "no type given".
    case unknown
    /// OpenMetrics' constant labels (`_info`).
    case info
    /// OpenMetrics' set of boolean states.
    case stateset
    /// OpenMetrics' gauge histogram (`_bucket`, `_gsum`, `_gcount`).
    case gaugehistogram

    /// The suffixes a sample of a family of this type may add to the family's name.
    var sampleSuffixes: [String] {
        switch self {
        case .counter: ["_total", "_created"]
        case .histogram: ["_bucket", "_sum", "_count", "_created"]
        case .gaugehistogram: ["_bucket", "_gsum", "_gcount"]
        case .summary: ["_sum", "_count", "_created"]
        case .info: ["_info"]
        case .gauge, .untyped, .unknown, .stateset: []
        }
    }
}
