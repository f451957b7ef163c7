import RealModule

/// Descriptive statistics of one sample: mean, variance, standard deviation, geometric mean.
///
/// Sums are compensated (Neumaier) so that a million latencies or values with a large common
/// offset keep full precision; the variance uses the corrected two-pass formula.
public enum Descriptive {
    /// The arithmetic mean; undefined for an empty or non-finite sample.
    public static func mean(_ values: [Double]) throws(StatsUndefined) -> Double {
        try InputValidation.requireCount(values.count, atLeast: 1, for: .mean)
        try InputValidation.requireFinite(values, for: .mean)
        return uncheckedMean(values)
    }

    /// The sample variance with n − 1 in the denominator (numpy's `var(ddof=1)`); needs 2 values.
    public static func variance(_ values: [Double]) throws(StatsUndefined) -> Double {
        try InputValidation.requireCount(values.count, atLeast: 2, for: .variance)
        try InputValidation.requireFinite(values, for: .variance)
        return uncheckedVariance(values, mean: uncheckedMean(values))
    }

    /// The sample standard deviation, the square root of `variance(_:)`; needs 2 values.
    public static func standardDeviation(_ values: [Double]) throws(StatsUndefined) -> Double {
        try variance(values).squareRoot()
    }

    /// The geometric mean, exp(mean(log x)); undefined unless every value is positive.
    public static func geometricMean(_ values: [Double]) throws(StatsUndefined) -> Double {
        try InputValidation.requireCount(values.count, atLeast: 1, for: .geometricMean)
        try InputValidation.requireFinite(values, for: .geometricMean)
        try InputValidation.requirePositive(values, for: .geometricMean)
        return .exp(uncheckedMean(values.map { .log($0) }))
    }

    /// The type-7 (numpy "linear") quantile at `probability`; sorts a copy of `values` first.
    public static func quantile(_ values: [Double], _ probability: Double) throws(StatsUndefined) -> Double {
        try SortedSample(values).quantile(probability)
    }

    /// The median (the average of the two middle values for an even count); sorts a copy first.
    public static func median(_ values: [Double]) throws(StatsUndefined) -> Double {
        try SortedSample(values).median()
    }

    /// Compensated mean of a non-empty, finite sample (callers validate).
    static func uncheckedMean(_ values: [Double]) -> Double {
        CompensatedSum.of(values) / Double(values.count)
    }

    /// Corrected two-pass variance (ddof = 1) of a finite sample of at least two values.
    ///
    /// Reference: Chan, Golub & LeVeque, "Algorithms for computing the sample variance",
    /// The American Statistician 37 (1983) 242–247, eq. 1.7.
    static func uncheckedVariance(_ values: [Double], mean: Double) -> Double {
        var squares = CompensatedSum()
        var deviations = CompensatedSum()
        for value in values {
            let deviation = value - mean
            squares.add(deviation * deviation)
            deviations.add(deviation)
        }
        let count = Double(values.count)
        let correction = deviations.value * deviations.value / count
        return max(0, squares.value - correction) / (count - 1)
    }
}
