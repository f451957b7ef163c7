/// A finite sample kept in ascending order, so quantiles and rank procedures sort only once.
public struct SortedSample: Sendable, Equatable {
    /// The values in ascending order.
    public let values: [Double]

    /// Sorts `unsorted`; undefined if any value is NaN or infinite.
    public init(_ unsorted: [Double]) throws(StatsUndefined) {
        try InputValidation.requireFinite(unsorted, for: .quantile)
        values = RadixSort.sorted(unsorted)
    }

    /// Wraps values that are already ascending (checked in O(n)); undefined if not finite.
    ///
    /// An unsorted input is sorted rather than rejected, so the type's invariant always holds.
    public init(alreadySorted sorted: [Double]) throws(StatsUndefined) {
        try InputValidation.requireFinite(sorted, for: .quantile)
        var ascending = true
        var index = 1
        while index < sorted.count {
            if sorted[index - 1] > sorted[index] {
                ascending = false
                break
            }
            index += 1
        }
        values = ascending ? sorted : RadixSort.sorted(sorted)
    }

    /// The number of values.
    public var count: Int { values.count }

    /// The type-7 quantile (numpy's default "linear" method, Hyndman & Fan 1996 definition 7).
    ///
    /// With h = (n − 1)·p the result interpolates between the values at ⌊h⌋ and ⌊h⌋ + 1 (0-based);
    /// the interpolation matches numpy's `_lerp`, which evaluates from the nearer end.
    public func quantile(_ probability: Double) throws(StatsUndefined) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw StatsUndefined(.quantile, .invalidProbability(probability))
        }
        try InputValidation.requireCount(values.count, atLeast: 1, for: .quantile)
        return Self.typeSevenQuantile(values, probability)
    }

    /// The median: the average of the two middle values for an even count.
    public func median() throws(StatsUndefined) -> Double {
        try quantile(0.5)
    }

    /// Type-7 quantile of a non-empty ascending array for a probability in [0, 1].
    static func typeSevenQuantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = min(Int(position.rounded(.down)), sorted.count - 1)
        let above = min(below + 1, sorted.count - 1)
        let weight = position - Double(below)
        return interpolate(sorted[below], sorted[above], weight)
    }

    /// numpy's `_lerp`: a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}
