import LensCore

/// A check that is either decided or waits for the suite-wide correction.
enum PendingCheck: Sendable {
    /// Decided without p-values (gates, budgets, trends, skipped or unmeasured comparisons).
    case final(Check)
    /// A comparison whose decision needs the corrected p-values of the whole run.
    case comparison(EstimatedComparison)

    /// The comparison waiting for the correction, if this is one.
    var estimated: EstimatedComparison? {
        if case .comparison(let comparison) = self { comparison } else { nil }
    }
}

/// One comparison estimated on both sides, waiting for the run's correction to be decided.
struct EstimatedComparison: Sendable {
    /// The rule with its settings resolved.
    var rule: RulePlan.Comparison
    /// The scenario compared.
    var scenario: String
    /// The statistic on the baseline side (the history's reference when the history model judged it).
    var baselineValue: Double?
    /// The statistic on the current side.
    var currentValue: Double?
    /// The change, its interval and its p-values.
    var estimate: Estimate
    /// The observations behind each side.
    var counts: SampleCounts
}

/// How many observations each side of a comparison has.
struct SampleCounts: Sendable, Equatable {
    /// Baseline side.
    var baseline: Int
    /// Current side.
    var current: Int
}
