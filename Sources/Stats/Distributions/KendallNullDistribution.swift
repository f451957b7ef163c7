/// Exact p-values of Kendall's τ without ties, as scipy's `_kendall_p_exact`.
///
/// The number of permutations of n items with c concordant pairs satisfies the recurrence
/// f(n, c) = Σ_{i=0}^{min(c, n−1)} f(n − 1, c − i) (Kendall, "Rank Correlation Methods" (1970)
/// §5.5), evaluated as a running sum with a sliding window in O(n·c). The distribution is
/// symmetric, so only the lower tail up to min(c, N − c) is built.
enum KendallNullDistribution {
    /// The p-value for `concordant` pairs among n untied values.
    static func pValue(n: Int, concordant: Int, alternative: Alternative) -> Double {
        let total = n * (n - 1) / 2
        let inRightTail = concordant >= total - concordant
        let c = min(concordant, total - concordant)
        var twoSided: Double
        var massAtC: Double
        if n <= 1 {
            (twoSided, massAtC) = (1, 1)
        } else if n == 2 {
            (twoSided, massAtC) = (1, 0.5)
        } else if c == 0 {
            // scipy's cut-offs: n! overflows a double beyond 170.
            twoSided = n < 171 ? 2 / factorial(n) : 0
            massAtC = twoSided / 2
        } else if c == 1 {
            twoSided = n < 172 ? 2 / factorial(n - 1) : 0
            massAtC = n < 171 ? Double(n - 1) / factorial(n) : 0
        } else if 4 * c == n * (n - 1), alternative == .twoSided {
            (twoSided, massAtC) = (1, 0)
        } else {
            (twoSided, massAtC) = lowerTail(n: n, c: c)
        }
        var p = twoSided
        if alternative != .twoSided {
            if inRightTail == (alternative == .greater) {
                p = twoSided / 2
            } else {
                p = 1 - twoSided / 2 + massAtC
            }
        }
        return min(max(p, 0), 1)
    }

    /// (2·P(C ≤ c), P(C = c)) by the counting recurrence, normalized by n! on the fly for
    /// n ≥ 171 as scipy does (each step divides by j), and at the end otherwise.
    private static func lowerTail(n: Int, c: Int) -> (Double, Double) {
        let normalizeAsWeGo = n >= 171
        var counts = [Double](repeating: 0, count: c + 1)
        counts[0] = 1
        counts[1] = 1
        if n >= 3 {
            for j in 3...n {
                var running = 0.0
                for u in 0...c {
                    running += counts[u]
                    counts[u] = normalizeAsWeGo ? running / Double(j) : running
                }
                if j <= c {
                    // Subtract the cumulative sum shifted by j (using values before this step).
                    var shifted = counts
                    for u in stride(from: c, through: j, by: -1) { shifted[u] = counts[u] - counts[u - j] }
                    counts = shifted
                }
            }
        }
        let sum = counts.reduce(0, +)
        if normalizeAsWeGo { return (sum, counts[c] / 2) }
        let nFactorial = factorial(n)
        return (2 * sum / nFactorial, counts[c] / nFactorial)
    }

    /// n! as a double (exact up to 22!, then rounded).
    private static func factorial(_ n: Int) -> Double {
        var result = 1.0
        var k = 2
        while k <= n {
            result *= Double(k)
            k += 1
        }
        return result
    }
}
