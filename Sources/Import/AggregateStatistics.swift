import LensCore

/// A tool's summary statistics of lens-gate metrics (`ttft_ms` at p95), for a file without
/// per-request data: each becomes a declared per-scenario metric (`ttft_ms_p95`), one value per run.
struct AggregateStatistics {
    /// The statistics lens-gate imports; a tool's others (p25, min, std) are left out.
    enum Statistic: String, CaseIterable {
        case mean, p50, p90, p95, p99
    }

    /// The imported values, by declared metric.
    private(set) var values: [Metric: Double] = [:]

    /// The declared per-scenario metric that carries `statistic` of `base`, in `base`'s unit and direction.
    static func metric(_ base: Metric, _ statistic: Statistic) -> Metric {
        .declared("\(base.name)_\(statistic.rawValue)", unit: base.unit, direction: base.direction, granularity: .perScenario)
    }

    /// Records one statistic already in `base`'s unit; nil (the tool did not report it) is skipped.
    ///
    /// A negative figure is refused at the tool's field, as a negative latency would be.
    mutating func set(
        _ base: Metric, _ statistic: Statistic, _ value: Double?, field path: FieldPath, at position: TextPosition
    ) throws(FieldError) {
        guard let value else { return }
        guard value >= 0 else { throw FieldError(path, at: position, "negative \(statistic.rawValue) \(value)") }
        values[Self.metric(base, statistic)] = value
    }

    /// True when no statistic was imported.
    var isEmpty: Bool { values.isEmpty }

    /// The declared metrics, in report order.
    var metrics: [Metric] { values.keys.sorted() }
}
