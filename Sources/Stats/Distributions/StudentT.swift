import RealModule

/// Student's t distribution with any positive (possibly non-integer or huge) degrees of freedom.
///
/// Tail probabilities come from the regularized incomplete beta function,
/// P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t > 0 (Abramowitz & Stegun 26.7.1), with both x and
/// 1 − x formed directly so neither tail loses precision. Infinite ν is the standard normal.
public struct StudentT: Sendable, Equatable, Hashable {
    /// The degrees of freedom ν > 0 (may be +∞).
    public let degreesOfFreedom: Double

    /// Creates the distribution; undefined unless ν > 0 (NaN is rejected).
    public init(degreesOfFreedom: Double) throws(StatsUndefined) {
        guard degreesOfFreedom > 0 else {
            throw StatsUndefined(.distribution, .invalidArgument(argument: "degrees of freedom", value: degreesOfFreedom))
        }
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        t < 0 ? upperTail(-t) : lowerComplement(t)
    }

    /// P(T > t), computed directly in the upper tail (never as 1 − cdf).
    public func sf(_ t: Double) -> Double {
        t > 0 ? upperTail(t) : lowerComplement(-t)
    }

    /// The density at t.
    public func pdf(_ t: Double) -> Double {
        if degreesOfFreedom.isInfinite { return Normal.pdf(t) }
        let nu = degreesOfFreedom
        let logDensity =
            -0.5 * (nu + 1) * Double.log(onePlus: t * t / nu)
            - 0.5 * Double.log(nu) - LogBeta.of(0.5 * nu, 0.5)
        return Double.exp(logDensity)
    }

    /// The t with P(T ≤ t) = p (scipy's `stdtrit`); ±∞ at 0 and 1; undefined outside [0, 1].
    public func quantile(_ p: Double) throws(StatsUndefined) -> Double {
        guard p >= 0, p <= 1 else { throw StatsUndefined(.distribution, .invalidProbability(p)) }
        if p == 0.5 { return 0 }
        return p < 0.5 ? -upperQuantile(p) : upperQuantile(1 - p)
    }

    /// The t with P(T > t) = q, accurate for tiny q; undefined outside [0, 1].
    public func inverseSurvival(_ q: Double) throws(StatsUndefined) -> Double {
        guard q >= 0, q <= 1 else { throw StatsUndefined(.distribution, .invalidProbability(q)) }
        if q == 0.5 { return 0 }
        return q < 0.5 ? upperQuantile(q) : -upperQuantile(1 - q)
    }

    /// P(T > t) for t ≥ 0.
    private func upperTail(_ t: Double) -> Double {
        if degreesOfFreedom.isInfinite { return Normal.sf(t) }
        if t.isInfinite { return 0 }
        if t >= Self.farTail {
            // x = ν/(ν + t²) < 10⁻²⁹⁰ here, so I_x(ν/2, ½) = xᵃ/(a·B(a, ½))·(1 + O(x)) exactly in
            // double precision; log x = log ν − 2·log t avoids forming t², which overflows.
            let a = 0.5 * degreesOfFreedom
            let logX = Double.log(degreesOfFreedom) - 2 * Double.log(t)
            return 0.5 * Double.exp(a * logX - Double.log(a) - LogBeta.of(a, 0.5))
        }
        return 0.5 * tailBeta(t).lower
    }

    /// Beyond this |t| the far-tail formula is exact to double precision for ν < 10¹⁰.
    private static let farTail = 1e150

    /// P(T ≤ t) = 1 − P(T > t) for t ≥ 0, using the complementary beta tail for precision.
    private func lowerComplement(_ t: Double) -> Double {
        if degreesOfFreedom.isInfinite { return Normal.cdf(t) }
        if t.isInfinite { return 1 }
        return 0.5 + 0.5 * tailBeta(t).upper
    }

    /// I_x(ν/2, ½) and its complement at x = ν/(ν + t²).
    private func tailBeta(_ t: Double) -> (lower: Double, upper: Double) {
        let nu = degreesOfFreedom
        let ratio = t * t / nu
        if StudentTTailExpansion.applies(degreesOfFreedom: nu, tSquaredOverNu: ratio) {
            let lower = StudentTTailExpansion.regularizedBeta(degreesOfFreedom: nu, tSquaredOverNu: ratio)
            return (lower, 1 - lower)
        }
        let x: Double
        let y: Double
        if abs(t) < Self.farTail {
            let squared = t * t
            (x, y) = (nu / (nu + squared), squared / (nu + squared))
        } else {
            // Only reached for the lower complement; r = ν/t² formed as (ν/t)/t cannot overflow.
            let ratio = nu / t / t
            (x, y) = (ratio / (1 + ratio), 1 / (1 + ratio))
        }
        return IncompleteBeta.regularized(a: 0.5 * nu, b: 0.5, x: x, y: y)
    }

    /// The t ≥ 0 with P(T > t) = q for q in [0, ½].
    ///
    /// Closed forms for ν = 1 and 2; otherwise safeguarded Newton iteration on
    /// log P(T > eˢ) = log q in s = log t, which is nearly linear in both the Gaussian and the
    /// power-law tail, started from the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5).
    private func upperQuantile(_ q: Double) -> Double {
        if q <= 0 { return .infinity }
        if q >= 0.5 { return 0 }
        let nu = degreesOfFreedom
        if nu.isInfinite { return -Normal.uncheckedQuantile(q) }
        if nu == 1 { return 1 / Double.tan(Double.pi * q) }
        if nu == 2 { return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot() }
        return TailInversion.solve(target: q, initialGuess: cornishFisherGuess(q)) { t in
            (tail: upperTail(t), density: pdf(t))
        }
    }

    /// A starting point: the Cornish–Fisher expansion of t in powers of 1/ν around z.
    private func cornishFisherGuess(_ q: Double) -> Double {
        let z = -Normal.uncheckedQuantile(q)
        let nu = degreesOfFreedom
        let z2 = z * z
        let first = z * (z2 + 1) / 4
        let second = z * ((5 * z2 + 16) * z2 + 3) / 96
        let guess = z + first / nu + second / (nu * nu)
        return guess.isFinite && guess > 0 ? guess : max(z, 1)
    }
}
