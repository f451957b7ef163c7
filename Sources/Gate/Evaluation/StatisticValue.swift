import LensCore
import Stats

/// Computes the value of a rule's statistic on one side of a scenario.
enum StatisticValue {
    /// The statistic of sorted samples, or nil when it is undefined (e.g. a geometric mean with a zero).
    static func of(_ statistic: Statistic, sorted: SortedSample) -> Double? {
        guard sorted.count > 0 else { return nil }
        switch statistic {
        case .mean: return try? Descriptive.mean(sorted.values)
        case .geometricMean: return try? Descriptive.geometricMean(sorted.values)
        case .quantile(let q): return try? sorted.quantile(q)
        case .min: return sorted.values.first
        case .max: return sorted.values.last
        case .value: return nil
        }
    }

    /// The value of a metric statistic in a scenario side.
    static func of(_ target: MetricStatistic, in data: ScenarioData) -> Double? {
        if target.metric.granularity == .perScenario { return data.scenario.scenarioValue(target.metric) }
        guard let sorted = data.sorted[target.metric] else { return nil }
        return of(target.statistic, sorted: sorted)
    }

    /// Why the statistic has no value on this side (nil when it has one, or no reason is known).
    static func undefinedReason(_ target: MetricStatistic, in data: ScenarioData) -> String? {
        guard target.metric.granularity == .perRequest else {
            return data.scenario.scenarioValue(target.metric) == nil ? "\(target.metric.name) was not recorded" : nil
        }
        guard let sorted = data.sorted[target.metric], sorted.count > 0 else { return "\(target.metric.name) has no samples" }
        switch target.statistic {
        case .mean:
            if case .failure(let error) = Result(catching: { () throws(StatsUndefined) in try Descriptive.mean(sorted.values) }) {
                return error.description
            }
        case .geometricMean:
            if case .failure(let error) = Result(catching: { () throws(StatsUndefined) in try Descriptive.geometricMean(sorted.values) }) {
                return error.description
            }
        case .quantile(let q):
            if case .failure(let error) = Result(catching: { () throws(StatsUndefined) in try sorted.quantile(q) }) {
                return error.description
            }
        case .min, .max:
            return nil
        case .value:
            return "\(target.metric.name) has one value per request; name a statistic such as p50 or mean"
        }
        return nil
    }
}
