/// The exact null distribution of the Mann–Whitney U statistic for sizes m and n without ties.
///
/// The number of arrangements with U = u is the coefficient of qᵘ in the Gaussian binomial
/// [m + n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i) (Andrews, "The Theory of
/// Partitions", 1976, Thm 3.1; Mann & Whitney 1947). Each factor is applied as a strided
/// prefix sum (division by 1 − qⁱ) then a strided difference, renormalized by i/(n + i) so the
/// coefficients stay probabilities: O(min(m, n) · u_max) time, no big integers. Coefficients are
/// kept only up to `maximum`, which is all the lower tail needs.
struct MannWhitneyNullDistribution {
    /// P(U = u) for u = 0 … maximum.
    let probabilities: [Double]
    /// m·n, the largest value of U.
    let product: Int

    /// Builds P(U = u) for u ≤ maximum (clamped to m·n/2 rounded up, by symmetry enough).
    init(_ m: Int, _ n: Int, maximum: Int) {
        let small = min(m, n)
        let large = max(m, n)
        product = m * n
        let degree = max(0, min(maximum, product))
        var coefficients = [Double](repeating: 0, count: degree + 1)
        coefficients[0] = 1
        if small > 0 {
            for i in 1...small {
                if i <= degree {
                    for u in i...degree { coefficients[u] += coefficients[u - i] }
                }
                // Multiplying by 1 − q^(n+i) runs downwards so each term reads an unchanged one.
                let step = large + i
                var u = degree
                while u >= step {
                    coefficients[u] -= coefficients[u - step]
                    u -= 1
                }
                let scale = Double(i) / Double(large + i)
                for u in 0...degree { coefficients[u] *= scale }
            }
        }
        probabilities = coefficients
    }

    /// P(U ≤ k) for 0 ≤ k ≤ maximum.
    func cdf(_ k: Int) -> Double {
        guard k >= 0 else { return 0 }
        var total = 0.0
        for u in 0...min(k, probabilities.count - 1) { total += probabilities[u] }
        return total
    }

    /// P(U ≥ k) computed as scipy's `_MWU.sf`: by symmetry from the lower tail.
    func sf(_ k: Int) -> Double {
        let complement = product - k
        if k < complement {
            return 1 - cdf(k) + probabilities[k]
        }
        return cdf(complement)
    }
}
