import LensCore
import Stats

/// The checks a run must pass before it may become the baseline: enough requests, few errors,
/// and a stable measurement (no drift between the first and second half of the run).
public struct BaselinePolicy: Sendable, Equatable {
    /// Fewest counted requests per scenario (a baseline with fewer cannot support the tests).
    public var minimumRequests: Int = 50
    /// Highest error rate per scenario.
    public var maximumErrorRate: Double = 0.05
    /// Largest relative difference, in percent, between the medians of the first and the second
    /// half of a latency metric's samples (a warming cache or a throttling endpoint shows here).
    public var maximumDriftPercent: Double = 10
    /// Refuse interrupted runs.
    public var requireComplete = true

    /// Creates the default policy.
    public init() {}
}

/// A reason a run cannot become the baseline.
public struct BaselineProblem: Sendable, Equatable, CustomStringConvertible {
    /// The scenario at fault, when the problem is per scenario.
    public var scenario: String?
    /// What is wrong.
    public var reason: String

    public var description: String { scenario.map { "\($0): \(reason)" } ?? reason }
}

extension BaselinePolicy {
    /// Every problem that keeps `results` from being a usable baseline (empty when it is usable).
    public func problems(with results: Results) -> [BaselineProblem] {
        var problems: [BaselineProblem] = []
        if requireComplete, !results.run.complete {
            problems.append(BaselineProblem(reason: "the run was interrupted (complete: false)"))
        }
        for scenario in results.scenarios {
            let requests = scenario.counts?.succeeded ?? scenario.samples.metrics.map { scenario.samples[$0]?.count ?? 0 }.max() ?? 0
            if requests < minimumRequests {
                problems.append(
                    BaselineProblem(
                        scenario: scenario.name,
                        reason: "only \(requests) successful requests (need ≥ \(minimumRequests))"))
            }
            if let errorRate = scenario.scenarioValue(.errorRate), errorRate > maximumErrorRate {
                problems.append(
                    BaselineProblem(
                        scenario: scenario.name,
                        reason:
                            "error rate \(Notation.value(errorRate, .errorRate)) exceeds \(Notation.value(maximumErrorRate, .errorRate))"))
            }
            for metric in [Metric.ttftMs, .e2eMs] {
                guard let values = scenario.samples[metric], values.count >= 20,
                    let drift = BaselinePolicy.driftPercent(values)
                else { continue }
                if abs(drift) > maximumDriftPercent {
                    problems.append(
                        BaselineProblem(
                            scenario: scenario.name,
                            reason:
                                "\(metric.name) drifted \(Notation.percent(drift)) between the first and second half of the run (limit \(Notation.threshold(maximumDriftPercent))): the endpoint was not steady"
                        ))
                }
            }
        }
        return problems
    }

    /// Median of the second half relative to the first, in percent (samples in recording order).
    static func driftPercent(_ values: [Double]) -> Double? {
        let half = values.count / 2
        guard half >= 2, let first = try? Descriptive.median(Array(values[..<half])),
            let second = try? Descriptive.median(Array(values[half...])), first > 0
        else { return nil }
        return (second / first - 1) * 100
    }
}
