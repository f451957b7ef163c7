/// Parsing of quality-gate conditions such as `ttft_ms.p95 < 800ms` or `error_rate <= 1%`.
extension QualityGate {
    /// Parses `<metric>[.<statistic>] <op> <number>[unit]`; `ms`/`s` for latencies, `%` for error rate.
    public init(parsing text: String) throws(MetricStatistic.ParseError) {
        let operators: [Comparator] = [.lessOrEqual, .greaterOrEqual, .less, .greater]
        guard let comparator = operators.first(where: { text.contains($0.rawValue) }),
            let range = text.firstRange(of: comparator.rawValue)
        else {
            throw MetricStatistic.ParseError("'\(text)' is not a condition; write e.g. 'ttft_ms.p95 < 800' (operators: <, <=, >, >=)")
        }
        let left = String(text[..<range.lowerBound])
        let right = String(text[range.upperBound...])
        let target = try MetricStatistic(parsing: left)
        let limit = try QualityGate.limit(right, for: target.metric)
        self.init(target, comparator, limit, text: String(text.trimmingWhitespace))
        // Kept only where it must be read again: for a metric the results have yet to declare.
        if target.metric.origin == .referenced { limitText = right }
    }

    /// Reads a limit in the metric's unit, accepting `ms`/`s` suffixes for latencies and `%` for ratios.
    public static func limit(_ raw: String, for metric: Metric) throws(MetricStatistic.ParseError) -> Double {
        var text = String(raw.trimmingWhitespace)
        var scale = 1.0
        switch metric.unit {
        case .milliseconds:
            if text.hasSuffix("ms") {
                text.removeLast(2)
            } else if text.hasSuffix("s") {
                text.removeLast()
                scale = 1000
            }
        case .ratio:
            if text.hasSuffix("%") {
                text.removeLast()
                scale = 0.01
            }
        case .usd:
            if text.hasPrefix("$") { text.removeFirst() }
        case _ where metric.origin == .referenced:
            // Not declared yet: the number is checked now, its unit once the results declare one.
            text = String(text.prefix { !$0.isLetter && $0 != "%" && $0 != "/" })
        default:
            if text.hasSuffix(metric.unit.rawValue) { text.removeLast(metric.unit.rawValue.count) }
        }
        guard let value = Double(text.trimmingWhitespace), value.isFinite else {
            throw MetricStatistic.ParseError(
                "'\(raw.trimmingWhitespace)' is not a number\(metric.unit.rawValue.isEmpty ? "" : " in \(metric.unit.rawValue)")")
        }
        let limit = value * scale
        guard InputLimits.sampleValue.contains(limit) else {
            throw MetricStatistic.ParseError("limit '\(raw.trimmingWhitespace)' \(InputLimits.sampleValue.violation(limit))")
        }
        return limit
    }
}
