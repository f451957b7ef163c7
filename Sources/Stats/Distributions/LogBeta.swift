import RealModule

/// log B(a, b) computed without the cancellation of lgamma(a) + lgamma(b) − lgamma(a + b).
///
/// For a parameter of 10⁶ the three log-gamma values are ~10⁷ and their difference would lose
/// ~9 digits; here the large parts cancel analytically (Stirling's series), as in TOMS 708
/// (DiDonato & Morris, "Significant digit computation of the incomplete beta function ratios",
/// ACM TOMS 18 (1992) 360–373, functions `betaln`/`bcorr`).
enum LogBeta {
    /// log B(a, b) for a, b > 0.
    static func of(_ a: Double, _ b: Double) -> Double {
        let small = min(a, b)
        let large = max(a, b)
        if large < stirlingThreshold {
            return .logGamma(a) + .logGamma(b) - .logGamma(a + b)
        }
        if small < stirlingThreshold {
            return .logGamma(small) + logGammaRatio(large, small)
        }
        let total = a + b
        // 0.5·log(2π) + (a − ½)·log(a/(a+b)) + (b − ½)·log(b/(a+b)) − ½·log(a+b) + corrections.
        return halfLogTwoPi
            - (a - 0.5) * .log(onePlus: b / a)
            - (b - 0.5) * .log(onePlus: a / b)
            - 0.5 * .log(total)
            + stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(total)
    }

    /// lgamma(large) − lgamma(large + small) for large ≥ 10, without cancellation.
    static func logGammaRatio(_ large: Double, _ small: Double) -> Double {
        -(large - 0.5) * .log(onePlus: small / large)
            - small * .log(large + small)
            + small
            + stirlingCorrection(large) - stirlingCorrection(large + small)
    }

    /// δ(z) = lgamma(z) − [(z − ½)·log z − z + ½·log 2π], the Stirling-series remainder.
    ///
    /// For z ≥ 10 this sums B₂ₖ / (2k(2k − 1) z²ᵏ⁻¹) for k = 1…8 (Abramowitz & Stegun 6.1.40);
    /// the next term is below 3·10⁻¹⁷ at z = 10. Below 10 it is evaluated directly.
    static func stirlingCorrection(_ z: Double) -> Double {
        if z < stirlingThreshold {
            return .logGamma(z) - ((z - 0.5) * .log(z) - z + halfLogTwoPi)
        }
        let inverse = 1 / z
        let inverseSquared = inverse * inverse
        // Coefficients B₂ₖ/(2k(2k−1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156,
        // −3617/122400 (Bernoulli numbers B₂…B₁₆).
        var series = -3617.0 / 122_400.0
        series = series * inverseSquared + 1.0 / 156.0
        series = series * inverseSquared - 691.0 / 360_360.0
        series = series * inverseSquared + 1.0 / 1188.0
        series = series * inverseSquared - 1.0 / 1680.0
        series = series * inverseSquared + 1.0 / 1260.0
        series = series * inverseSquared - 1.0 / 360.0
        series = series * inverseSquared + 1.0 / 12.0
        return series * inverse
    }

    /// Arguments at or above this use Stirling's series (its 8-term error is < 3·10⁻¹⁷ here).
    static let stirlingThreshold = 10.0
    /// ½·log(2π).
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78
}
