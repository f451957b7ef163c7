/// The minimum detectable difference: the smallest true difference that a one- or two-sided
/// t-test at level `alpha` detects with probability `power`.
///
/// MDD = (t_{1−α′, ν} + t_{power, ν})·SE with α′ = α for a one-sided alternative and α/2 for
/// two-sided (the usual normal-theory power approximation with t quantiles, e.g. Cohen,
/// "Statistical Power Analysis" (1988) §2.3; Zar, "Biostatistical Analysis" (2010) eq. 8.22).
/// A change smaller than this can pass the gate unnoticed: significance is not the same as size,
/// and a non-significant result below the MDD says little. Undefined unless SE ≥ 0, ν > 0,
/// 0 < α < 1 and 0 < power < 1.
public func minimumDetectableDifference(
    standardError: Double, degreesOfFreedom: Double, alpha: Double = 0.05, power: Double = 0.8,
    alternative: Alternative = .twoSided
) throws(StatsUndefined) -> Double {
    let procedure = Procedure.detectionLimit
    guard standardError >= 0, standardError.isFinite else {
        throw StatsUndefined(procedure, .invalidArgument(argument: "standard error", value: standardError))
    }
    guard alpha > 0, alpha < 1 else { throw StatsUndefined(procedure, .invalidProbability(alpha)) }
    guard power > 0, power < 1 else { throw StatsUndefined(procedure, .invalidProbability(power)) }
    let distribution: StudentT
    do {
        distribution = try StudentT(degreesOfFreedom: degreesOfFreedom)
    } catch {
        throw StatsUndefined(procedure, .invalidArgument(argument: "degrees of freedom", value: degreesOfFreedom))
    }
    let tail = alternative == .twoSided ? alpha / 2 : alpha
    return (try distribution.inverseSurvival(tail) + distribution.quantile(power)) * standardError
}
