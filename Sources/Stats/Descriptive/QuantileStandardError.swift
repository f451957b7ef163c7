import RealModule

extension SortedSample {
    /// The Maritz–Jarrett standard error of the sample q-quantile, free of any distributional
    /// assumption (scipy's `mstats.mjci`).
    ///
    /// With m = ⌊q·n + ½⌋ the m-th order statistic estimates the quantile; its standard error is
    /// the spread of the order statistics weighted by Wᵢ = I_{i/n}(m − 1, n − m) − I_{(i−1)/n}(m − 1, n − m),
    /// the chance that a Beta(m − 1, n − m) variable falls in ((i − 1)/n, i/n] (Maritz & Jarrett,
    /// "A note on estimating the variance of the sample median", JASA 73 (1978) 194–196; Wilcox,
    /// "Introduction to Robust Estimation and Hypothesis Testing" (2012) §3.5.3). Unlike the
    /// normal-theory formula it stays right for bimodal or heavy-tailed samples.
    ///
    /// The spread is formed around the weighted mean (Σ Wᵢ(xᵢ − C₁)², equal to C₂ − C₁² but
    /// without its cancellation). For large samples only the order statistics where the weights
    /// are above 1e-80 are visited (the Beta variable lies within 20 standard deviations of its mean).
    /// Undefined unless 2 ≤ m ≤ n − 1 (both Beta shapes positive) and 0 < q < 1.
    public func maritzJarrettStandardError(_ probability: Double) throws(StatsUndefined) -> Double {
        guard probability > 0, probability < 1 else {
            throw StatsUndefined(.quantileStandardError, .invalidProbability(probability))
        }
        let n = values.count
        let m = Int(probability * Double(n) + 0.5)
        guard m >= 2, m <= n - 1 else {
            let needed = Swift.max(3, Int((1.5 / probability).rounded(.up)), Int((0.5 / (1 - probability)).rounded(.down)) + 1)
            throw StatsUndefined(.quantileStandardError, .tooFewSamples(minimum: needed, counts: [n]))
        }
        let a = Double(m - 1)
        let b = Double(n - m)
        var first = 1
        var last = n
        if min(a, b) >= 100 {
            let mean = a / (a + b)
            let spread = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            first = Swift.max(1, Int((Double(n) * (mean - 20 * spread)).rounded(.down)))
            last = Swift.min(n, Int((Double(n) * (mean + 20 * spread)).rounded(.up)) + 1)
        }
        var weights: [Double] = []
        weights.reserveCapacity(last - first + 1)
        // Below the Beta's median the lower tail is the accurate one, above it the upper tail: each
        // weight is a difference of the accurate tail, so tiny weights far out are not rounding noise.
        var previous = Self.betaTails(Double(first - 1), n, a, b)
        for i in first...last {
            let next = Self.betaTails(Double(i), n, a, b)
            weights.append(next.lower <= 0.5 ? next.lower - previous.lower : previous.upper - next.upper)
            previous = next
        }
        var center = 0.0
        for (offset, weight) in weights.enumerated() { center += weight * values[first - 1 + offset] }
        var variance = 0.0
        for (offset, weight) in weights.enumerated() {
            let deviation = values[first - 1 + offset] - center
            variance += weight * deviation * deviation
        }
        return Swift.max(variance, 0).squareRoot()
    }

    /// I_{i/n}(a, b) and its complement, with 1 − i/n formed exactly.
    private static func betaTails(_ i: Double, _ n: Int, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
        IncompleteBeta.regularized(a: a, b: b, x: i / Double(n), y: (Double(n) - i) / Double(n))
    }
}
