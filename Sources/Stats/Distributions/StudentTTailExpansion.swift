import RealModule

/// P(T > t) for Student's t with many degrees of freedom, by an incomplete-gamma expansion.
///
/// The continued fraction for I_x(ν/2, ½) loses about log₁₀ ν digits when x = ν/(ν + t²) is
/// close to 1, so for ν ≥ 2000 and t² < ν this expansion is used instead. With w = −log s,
/// T = ν/2 − ¼ and u = log(1 + t²/ν),
///
///     I_x(a, ½) = 1/B(a, ½) · ∫_u^∞ e^{−Tw} w^{−½} g(w) dw,   g(w) = (sinh(w/2)/(w/2))^{−½},
///
/// and expanding the even function g(w) = Σ g_k w^{2k} gives
/// Σ g_k Γ(½ + 2k, T·u)/T^{½+2k}, a series in 1/T² (the idea of DiDonato & Morris' `bgrat`,
/// ACM TOMS 18 (1992) 360–373, with the sinh form making every odd term vanish).
enum StudentTTailExpansion {
    /// Whether the expansion applies (and is more accurate than the continued fraction).
    static func applies(degreesOfFreedom nu: Double, tSquaredOverNu ratio: Double) -> Bool {
        nu >= minimumDegreesOfFreedom && ratio < 1
    }

    /// I_x(ν/2, ½) at x = ν/(ν + t²), given ν and t²/ν.
    static func regularizedBeta(degreesOfFreedom nu: Double, tSquaredOverNu ratio: Double) -> Double {
        let a = 0.5 * nu
        let bigT = a - 0.25
        let u = Double.log(onePlus: ratio)
        let z = bigT * u
        // Γ(½, z) = √π·erfc(√z); then Γ(s + 1, z) = s·Γ(s, z) + zˢe^{−z}.
        var gamma = squareRootOfPi * Double.erfc(z.squareRoot())
        var s = 0.5
        var sum = 0.0
        var scale = 1.0
        for coefficient in coefficients {
            sum += coefficient * gamma * scale
            for _ in 0..<2 {
                let power = z > 0 ? Double.exp(s * Double.log(z) - z) : 0
                gamma = s * gamma + power
                s += 1
            }
            scale /= bigT * bigT
        }
        return sum * Double.exp(-LogBeta.of(a, 0.5) - 0.5 * Double.log(bigT))
    }

    /// Below this ν the continued fraction is already accurate to ~1e-13 and is used instead.
    static let minimumDegreesOfFreedom = 2000.0

    /// √π.
    private static let squareRootOfPi = 1.772_453_850_905_516_027_30

    /// g_k for k = 0…11: coefficients of w^{2k} in (sinh(w/2)/(w/2))^{−½}.
    ///
    /// log(sinh(w/2)/(w/2)) = Σₙ B₂ₙ/(2n·(2n)!)·w²ⁿ (Abramowitz & Stegun 4.5.64 with
    /// v = w/2); multiplying by −½ and exponentiating the series gives g_k by the usual
    /// recurrence g_k = (1/k)·Σₙ n·hₙ·g_{k−n}. Twelve terms leave < 1e-18 for t² < ν.
    static let coefficients: [Double] = {
        // Bernoulli numbers B₂ … B₂₄ as (numerator, denominator).
        let bernoulli: [(Double, Double)] = [
            (1, 6), (-1, 30), (1, 42), (-1, 30), (5, 66), (-691, 2730), (7, 6), (-3617, 510),
            (43867, 798), (-174_611, 330), (854_513, 138), (-236_364_091, 2730),
        ]
        var logSeries: [Double] = [0]
        var factorial = 1.0
        for (index, (numerator, denominator)) in bernoulli.enumerated() {
            let n = Double(index + 1)
            factorial *= (2 * n - 1) * (2 * n)
            logSeries.append(-0.5 * (numerator / denominator) / (2 * n * factorial))
        }
        var result = [1.0]
        for k in 1..<logSeries.count {
            var total = 0.0
            for n in 1...k { total += Double(n) * logSeries[n] * result[k - n] }
            result.append(total / Double(k))
        }
        return result
    }()
}
