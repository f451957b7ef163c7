import RealModule

/// The regularized incomplete beta function I_x(a, b) and its complement.
///
/// Both tails are returned so callers never form 1 − I where I is close to 1. The continued
/// fraction is evaluated with the modified Lentz method (Numerical Recipes, 3rd ed., §6.4 and
/// §5.2), on whichever side of the mean (a + 1)/(a + b + 2) it converges fast; the prefactor
/// xᵃ(1 − x)ᵇ / (a·B(a, b)) is formed in log space with a cancellation-free log B.
enum IncompleteBeta {
    /// I_x(a, b) (`lower`) and 1 − I_x(a, b) (`upper`); pass x and y = 1 − x each computed
    /// directly so that neither loses precision near 0 or 1.
    static func regularized(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let lower = Double.exp(logPrefactor(a: a, b: b, x: x, y: y)) / a * continuedFraction(a: a, b: b, x: x, y: y)
            return (lower, 1 - lower)
        }
        let upper = Double.exp(logPrefactor(a: b, b: a, x: y, y: x)) / b * continuedFraction(a: b, b: a, x: y, y: x)
        return (1 - upper, upper)
    }

    /// log[xᵃ (1 − x)ᵇ / B(a, b)], taking each logarithm from whichever of x, y is smaller.
    static func logPrefactor(a: Double, b: Double, x: Double, y: Double) -> Double {
        let logX = x <= 0.5 ? Double.log(x) : Double.log(onePlus: -y)
        let logY = y <= 0.5 ? Double.log(y) : Double.log(onePlus: -x)
        return a * logX + b * logY - LogBeta.of(a, b)
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes `betacf`), by modified Lentz.
    ///
    /// For x > ½ the first denominator 1 − (a + b)x/(a + 1) is rewritten as
    /// ((1 − b) + (a + b)·y)/(a + 1), which does not cancel when x is close to 1 and a is large
    /// (huge degrees of freedom); for x ≤ ½ the original form is the one that does not cancel.
    static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let sum = a + b
        let aPlusOne = a + 1
        let aMinusOne = a - 1
        var c = 1.0
        var d = guardTiny(x <= 0.5 ? 1 - sum * x / aPlusOne : ((1 - b) + sum * y) / aPlusOne)
        d = 1 / d
        var result = d
        var step = 1
        while step <= maximumIterations {
            let m = Double(step)
            let twoM = 2 * m
            var coefficient = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM))
            d = 1 / guardTiny(1 + coefficient * d)
            c = guardTiny(1 + coefficient / c)
            result *= d * c
            coefficient = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM))
            d = 1 / guardTiny(1 + coefficient * d)
            c = guardTiny(1 + coefficient / c)
            let change = d * c
            result *= change
            if abs(change - 1) <= relativeTolerance { break }
            step += 1
        }
        return result
    }

    /// Replaces an exact or near zero by a tiny number, as the Lentz method requires.
    private static func guardTiny(_ value: Double) -> Double {
        abs(value) < tiny ? tiny : value
    }

    /// Lentz's substitute for zero (Numerical Recipes uses ~1e-30; any tiny normal number works).
    private static let tiny = 1e-300
    /// Stop when a convergent changes by less than this (a couple of units in the last place).
    private static let relativeTolerance = 2.0 * Double.ulpOfOne
    /// The fraction needs O(√max(a, b)) steps; 10⁷ covers parameters up to ~10¹³.
    private static let maximumIterations = 10_000_000
}
