/// The error thrown when a statistical quantity is undefined for the data given.
///
/// Every case carries a plain sentence (`description`) that says what was asked for and why it
/// cannot be answered, e.g. "need at least 2 samples per side for Welch's t-test (have 1 and 5)".
public struct StatsUndefined: Error, Sendable, Equatable, CustomStringConvertible {
    /// The statistical procedure that was asked for.
    public let procedure: Procedure
    /// The condition of the data or arguments that makes the result undefined.
    public let reason: Reason

    /// Creates an error for `procedure` failing because of `reason`.
    public init(_ procedure: Procedure, _ reason: Reason) {
        self.procedure = procedure
        self.reason = reason
    }

    /// One plain sentence describing what failed and why.
    public var description: String {
        let name = procedure.rawValue
        switch reason {
        case let .tooFewSamples(minimum, counts):
            if counts.count == 2 {
                return "need at least \(minimum) samples per side for \(name) "
                    + "(have \(counts[0]) and \(counts[1]))"
            }
            let have = counts.map(String.init).joined(separator: ", ")
            return "need at least \(minimum) values for \(name) (have \(have))"
        case .zeroVarianceInBothSamples:
            return "\(name) is undefined because both samples have zero variance"
        case .allValuesTied:
            return "\(name) is undefined because all values are tied"
        case .constantValues:
            return "\(name) is undefined because all values are equal"
        case .constantPredictor:
            return "\(name) is undefined because all x values are equal"
        case let .nonPositiveValue(value):
            return "\(name) needs values greater than zero (found \(value))"
        case .nonFiniteValue:
            return "\(name) needs finite values (found NaN or infinity)"
        case let .lengthMismatch(first, second):
            return "\(name) needs paired arrays of equal length (have \(first) and \(second))"
        case let .invalidProbability(value):
            return "\(name) needs probabilities between 0 and 1 (found \(value))"
        case let .invalidConfidenceLevel(value):
            return "\(name) needs a confidence level strictly between 0 and 1 (found \(value))"
        case let .invalidArgument(argument, value):
            return "\(name) got an invalid \(argument) (\(value))"
        case .unboundedInterval:
            return "\(name) has an unbounded interval because the baseline mean is not "
                + "significantly different from zero"
        case let .confidenceUnattainable(requested, attainable):
            return "\(name) cannot reach \(requested) confidence with these sample sizes "
                + "(the widest interval covers \(attainable))"
        case .zeroBaseline:
            return "\(name) is undefined because the baseline value is zero"
        case let .negativeCount(value):
            return "\(name) needs non-negative counts (found \(value))"
        }
    }

    /// The condition that makes a result undefined.
    public enum Reason: Sendable, Equatable {
        /// Fewer observations than the procedure needs; `counts` lists what each input had.
        case tooFewSamples(minimum: Int, counts: [Int])
        /// Both samples are constant, so there is no estimate of noise (Welch's t is 0/0 or ±∞).
        case zeroVarianceInBothSamples
        /// Every observation has the same value, so ranks carry no information.
        case allValuesTied
        /// The response values are all equal, so a correlation or trend statistic is 0/0.
        case constantValues
        /// The predictor values are all equal, so a slope is undefined.
        case constantPredictor
        /// A value that must be positive (for logarithms or ratios) was zero or negative.
        case nonPositiveValue(Double)
        /// An input contained NaN or an infinity.
        case nonFiniteValue
        /// Two arrays that must be paired have different lengths.
        case lengthMismatch(Int, Int)
        /// A probability argument or p-value was outside [0, 1].
        case invalidProbability(Double)
        /// A confidence level was not strictly between 0 and 1.
        case invalidConfidenceLevel(Double)
        /// Some other argument was out of its domain; `argument` names it.
        case invalidArgument(argument: String, value: Double)
        /// A Fieller interval is unbounded because the denominator mean is not significant.
        case unboundedInterval
        /// The requested confidence exceeds the most that a distribution-free interval can give.
        case confidenceUnattainable(requested: Double, attainable: Double)
        /// A relative change is undefined because the baseline is zero.
        case zeroBaseline
        /// A contingency table held a negative count.
        case negativeCount(Int)
    }
}

/// The statistical procedures of this module, named as they appear in error messages.
public enum Procedure: String, Sendable, Equatable, CaseIterable {
    /// Arithmetic mean.
    case mean = "the mean"
    /// Sample variance with n − 1 in the denominator.
    case variance = "the sample variance"
    /// Geometric mean.
    case geometricMean = "the geometric mean"
    /// Sample quantile.
    case quantile = "the sample quantile"
    /// The Maritz–Jarrett standard error of a sample quantile.
    case quantileStandardError = "the Maritz–Jarrett standard error of a quantile"
    /// Normal or Student t distribution functions.
    case distribution = "the distribution function"
    /// Welch's unequal-variance t-test.
    case welchTTest = "Welch's t-test"
    /// Welch's t-test on logarithms (ratio of geometric means).
    case welchTTestOnLogs = "Welch's t-test on logarithms"
    /// Mann–Whitney U test.
    case mannWhitneyU = "the Mann-Whitney U test"
    /// van Elteren's stratified (blocked) Wilcoxon–Mann–Whitney test.
    case vanElteren = "the blocked (van Elteren) rank test"
    /// Hodges–Lehmann shift estimate and interval.
    case hodgesLehmann = "the Hodges-Lehmann shift estimate"
    /// Fieller interval for the relative change of means.
    case relativeMeanChange = "the relative change of means"
    /// Bootstrap interval for the relative change of a quantile.
    case quantileChange = "the relative change of a quantile"
    /// Cluster bootstrap for the relative change of a statistic of clustered values.
    case clusteredChange = "the relative change of a clustered statistic"
    /// Ordinary least-squares trend.
    case olsTrend = "the least-squares trend"
    /// Theil–Sen trend.
    case theilSen = "the Theil-Sen trend"
    /// Mann–Kendall trend test.
    case mannKendall = "the Mann-Kendall trend test"
    /// Holm or Benjamini–Hochberg adjustment.
    case multipleTesting = "the multiple-testing adjustment"
    /// Fisher's exact test.
    case fisherExact = "Fisher's exact test"
    /// Minimum detectable difference.
    case detectionLimit = "the minimum detectable difference"
}
