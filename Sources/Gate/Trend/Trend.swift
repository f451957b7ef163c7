import LensCore
import Stats

/// The trend of one statistic over the baseline history: is it creeping?
public struct Trend: Sendable, Equatable {
    /// The scenario.
    public var scenario: String
    /// The metric and statistic.
    public var target: MetricStatistic
    /// The values, oldest first.
    public var values: [Double]
    /// Theil–Sen slope per run as percent of the mean (robust to one odd run).
    public var slopePercentPerRun: Double?
    /// The Theil–Sen slope's confidence interval, percent of the mean per run.
    public var slopeInterval: ClosedRange<Double>?
    /// OLS slope per run as percent of the mean, with its t-test p-value (two-sided).
    public var olsSlopePercentPerRun: Double?
    /// The OLS p-value.
    public var olsPValue: Double?
    /// The confidence of `slopeInterval`.
    public var confidence: Double
    /// Kendall's τ-b between run order and value (Mann–Kendall's statistic, −1 to 1).
    public var kendallTau: Double?
    /// Mann–Kendall p-value for a monotonic trend in either direction.
    public var mannKendallPTwoSided: Double?
    /// Mann–Kendall p-value for a monotonic trend in the worse direction.
    public var mannKendallPWorse: Double?
    /// Why the trend could not be computed, when it could not.
    public var undefinedReason: String?

    /// Analyses a series (values oldest first) at the given confidence.
    public init(scenario: String, target: MetricStatistic, values: [Double], confidence: Double = 0.95) {
        self.scenario = scenario
        self.target = target
        self.values = values
        self.confidence = confidence
        guard values.count >= 3 else {
            undefinedReason = "need at least 3 history points (have \(values.count))"
            return
        }
        let x = values.indices.map(Double.init)
        guard let mean = try? Descriptive.mean(values), mean != 0, mean.isFinite else {
            undefinedReason = "the mean of the series is 0 or not finite"
            return
        }
        do {
            let theilSen = try theilSen(x: x, y: values, confidence: confidence)
            // Values read from files are bounded (InputLimits.sampleValue), so this holds; a series
            // built in code with infinities gets a reason instead of a trap on an unordered range.
            if let interval = ClosedRange.checked(theilSen.lowSlope / abs(mean) * 100, theilSen.highSlope / abs(mean) * 100) {
                slopePercentPerRun = theilSen.slope / abs(mean) * 100
                slopeInterval = interval
            } else {
                undefinedReason = "the slope's interval is not finite"
            }
        } catch {
            undefinedReason = error.description
        }
        if let ols = try? olsTrend(x: x, y: values) {
            olsSlopePercentPerRun = ols.slope / abs(mean) * 100
            olsPValue = ols.pValue
        }
        let worse: Alternative = target.metric.direction == .lowerIsBetter ? .greater : .less
        mannKendallPWorse = try? mannKendall(values, options: TestOptions(alternative: worse)).pValue
        if let twoSided = try? mannKendall(values, options: TestOptions(alternative: .twoSided)) {
            kendallTau = twoSided.tau
            mannKendallPTwoSided = twoSided.pValue
        }
    }

    /// The slope in the worse direction (positive = getting worse), percent per run.
    public var worseningPercentPerRun: Double? {
        slopePercentPerRun.map { $0 * target.metric.direction.worseSign }
    }
}

extension HistoryEntry {
    /// The series of one statistic over entries (entries lacking it are skipped).
    public static func series(_ entries: [HistoryEntry], scenario: String, target: MetricStatistic) -> [Double] {
        entries.compactMap { $0.summary(scenario, target.metric)?.value(of: target.statistic) }
    }
}
