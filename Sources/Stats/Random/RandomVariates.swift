import RealModule

/// Samplers for the normal, gamma and beta distributions driven by a `SeededGenerator`.
public enum RandomVariates {
    /// A standard normal draw by the Marsaglia polar method (Marsaglia & Bray, SIAM Review 6
    /// (1964) 260–264); the second value of each pair is discarded to keep the sampler stateless.
    public static func standardNormal(using generator: inout SeededGenerator) -> Double {
        while true {
            let u = 2 * generator.nextOpenUnit() - 1
            let v = 2 * generator.nextOpenUnit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                return u * (-2 * Double.log(s) / s).squareRoot()
            }
        }
    }

    /// A Gamma(shape, 1) draw by Marsaglia & Tsang's squeeze method, for any shape > 0.
    ///
    /// Reference: G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
    /// variables", ACM TOMS 26 (2000) 363–372; shapes below 1 use their boost
    /// Gamma(a) = Gamma(a + 1)·U^(1/a) (same paper, §6). Returns 0 for shape ≤ 0 or NaN.
    public static func gamma(shape: Double, using generator: inout SeededGenerator) -> Double {
        guard shape > 0 else { return 0 }
        if shape < 1 {
            let boosted = gamma(shape: shape + 1, using: &generator)
            return boosted * Double.exp(Double.log(generator.nextOpenUnit()) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal(using: &generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenUnit()
            let xSquared = x * x
            // The squeeze 1 − 0.0331·x⁴ is from the paper and avoids most logarithms.
            if u < 1 - 0.0331 * xSquared * xSquared { return d * v }
            if Double.log(u) < 0.5 * xSquared + d * (1 - v + Double.log(v)) { return d * v }
        }
    }

    /// A Beta(a, b) draw as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    public static func beta(_ a: Double, _ b: Double, using generator: inout SeededGenerator) -> Double {
        let x = gamma(shape: a, using: &generator)
        let y = gamma(shape: b, using: &generator)
        return x / (x + y)
    }

    /// A Beta(1, b) draw by inversion, 1 − U^(1/b), formed as −expm1(log U / b) for precision.
    public static func betaWithUnitFirstShape(_ b: Double, using generator: inout SeededGenerator) -> Double {
        -Double.expMinusOne(Double.log(generator.nextOpenUnit()) / b)
    }
}
