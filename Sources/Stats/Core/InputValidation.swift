/// Checks shared by all procedures: finite inputs and minimum sizes.
enum InputValidation {
    /// Throws unless every value of every sample is finite.
    static func requireFinite(_ samples: [Double]..., for procedure: Procedure) throws(StatsUndefined) {
        for sample in samples where !sample.allSatisfy(\.isFinite) {
            throw StatsUndefined(procedure, .nonFiniteValue)
        }
    }

    /// Throws unless both samples have at least `minimum` values.
    static func requireCounts(
        _ first: Int, _ second: Int, atLeast minimum: Int, for procedure: Procedure
    ) throws(StatsUndefined) {
        guard first >= minimum, second >= minimum else {
            throw StatsUndefined(procedure, .tooFewSamples(minimum: minimum, counts: [first, second]))
        }
    }

    /// Throws unless the single sample has at least `minimum` values.
    static func requireCount(_ count: Int, atLeast minimum: Int, for procedure: Procedure) throws(StatsUndefined) {
        guard count >= minimum else {
            throw StatsUndefined(procedure, .tooFewSamples(minimum: minimum, counts: [count]))
        }
    }

    /// Throws unless every value is strictly positive (needed before taking logarithms or ratios).
    static func requirePositive(_ sample: [Double], for procedure: Procedure) throws(StatsUndefined) {
        if let bad = sample.first(where: { !($0 > 0) }) {
            throw StatsUndefined(procedure, .nonPositiveValue(bad))
        }
    }
}
