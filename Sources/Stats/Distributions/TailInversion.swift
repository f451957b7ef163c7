import RealModule

/// Solves P(X > t) = q for t > 0 by safeguarded Newton steps in s = log t.
///
/// In s the log tail is close to linear for both Gaussian-like and power-law tails, so Newton
/// converges in a few steps; a bracket maintained alongside makes every step a bisection when a
/// Newton step would leave it (Numerical Recipes' `rtsafe`, 3rd ed. §9.4).
enum TailInversion {
    /// The root t of tail(t) = target, given the tail and density at any t > 0.
    static func solve(
        target: Double,
        initialGuess: Double,
        tailAndDensity: (Double) -> (tail: Double, density: Double)
    ) -> Double {
        let logTarget = Double.log(target)
        func residual(_ s: Double) -> (value: Double, slope: Double) {
            let t = Double.exp(s)
            let (tail, density) = tailAndDensity(t)
            // d/ds log tail(eˢ) = −t·density/tail.
            return (Double.log(tail) - logTarget, -t * density / tail)
        }
        var s = Double.log(initialGuess)
        // Bracket the root: the residual decreases in s.
        var low = s
        var high = s
        var step = 0.5
        while residual(low).value < 0, low > -745 {
            low -= step
            step *= 2
        }
        step = 0.5
        while residual(high).value > 0, high < 709 {
            high += step
            step *= 2
        }
        if residual(high).value > 0 { return .infinity }  // the quantile exceeds the largest double
        s = min(max(s, low), high)
        for _ in 0..<maximumIterations {
            let (value, slope) = residual(s)
            if value == 0 { break }
            if value > 0 { low = s } else { high = s }
            var next = s - value / slope
            if !(next > low && next < high) || !next.isFinite {
                next = 0.5 * (low + high)
            }
            let change = abs(next - s)
            s = next
            if change <= convergence * max(1, abs(s)) { break }
        }
        return Double.exp(s)
    }

    /// Newton converges quadratically; 200 steps is a generous cap including bisections.
    private static let maximumIterations = 200
    /// Stop when s moves by a few units in the last place.
    private static let convergence = 4 * Double.ulpOfOne
}
