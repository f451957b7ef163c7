import RealModule

/// The hypergeometric distribution of the number of "good" items among `draws` taken without
/// replacement from `good + bad` items, with probabilities accurate for counts in the millions.
///
/// The log-pmf uses Loader's saddle-point form (C. Loader, "Fast and accurate computation of
/// binomial probabilities", 2000; as in R's `dhyper`/`dbinom_raw`): Stirling-series remainders
/// and the binomial deviance bd0 replace differences of huge log-factorials, so relative
/// accuracy stays near 1e-15 where lgamma sums would lose 9 digits. Tails sum the pmf outward
/// from the starting point with the ratio recurrence until terms are negligible.
struct Hypergeometric {
    /// Items that count as successes.
    let good: Int
    /// Items that do not.
    let bad: Int
    /// Items drawn.
    let draws: Int

    /// The smallest possible count, max(0, draws − bad).
    var lowest: Int { max(0, draws - bad) }
    /// The largest possible count, min(draws, good).
    var highest: Int { min(draws, good) }
    /// A most probable count: ⌊(draws + 1)(good + 1)/(good + bad + 2)⌋ (scipy's formula).
    var mode: Int { Int((Double(draws + 1) * Double(good + 1) / Double(good + bad + 2)).rounded(.down)) }

    /// log P(X = k); −∞ outside the support.
    func logPMF(_ k: Int) -> Double {
        guard k >= lowest, k <= highest else { return -.infinity }
        let total = Double(good + bad)
        let p = Double(draws) / total
        let q = Double(good + bad - draws) / total
        return Self.logBinomialRaw(Double(k), Double(good), p, q)
            + Self.logBinomialRaw(Double(draws - k), Double(bad), p, q)
            - Self.logBinomialRaw(Double(draws), total, p, q)
    }

    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double {
        if k < lowest { return 0 }
        if k >= highest { return 1 }
        return k < mode ? tailSum(from: k, downward: true) : 1 - tailSum(from: k + 1, downward: false)
    }

    /// P(X > k).
    func sf(_ k: Int) -> Double {
        if k < lowest { return 1 }
        if k >= highest { return 0 }
        return k >= mode ? tailSum(from: k + 1, downward: false) : 1 - tailSum(from: k, downward: true)
    }

    /// Σ P(X = x) for x from `start` outward (down to `lowest` or up to `highest`), where the
    /// terms decrease monotonically because `start` lies on that side of the mode.
    private func tailSum(from start: Int, downward: Bool) -> Double {
        let logStart = logPMF(start)
        if logStart == -.infinity { return 0 }
        var term = 1.0
        var sum = 1.0
        var x = start
        let badMinusDraws = Double(bad - draws)
        while downward ? x > lowest : x < highest {
            let current = Double(x)
            if downward {
                // P(x − 1)/P(x) = x(bad − draws + x) / ((good − x + 1)(draws − x + 1)).
                term *=
                    current * (badMinusDraws + current)
                    / ((Double(good) - current + 1) * (Double(draws) - current + 1))
                x -= 1
            } else {
                // P(x + 1)/P(x) = (good − x)(draws − x) / ((x + 1)(bad − draws + x + 1)).
                term *=
                    (Double(good) - current) * (Double(draws) - current)
                    / ((current + 1) * (badMinusDraws + current + 1))
                x += 1
            }
            sum += term
            if term < sum * Self.negligible { break }
        }
        return Double.exp(logStart + Double.log(sum))
    }

    /// Terms below this fraction of the running sum cannot change a double.
    private static let negligible = 1e-17

    /// log of Loader's dbinom_raw(x; n, p, q) for 0 ≤ x ≤ n.
    static func logBinomialRaw(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -deviance(n, n * q) - n * p : n * Double.log(q)
        }
        if x == n {
            return q < 0.1 ? -deviance(n, n * p) - n * q : n * Double.log(p)
        }
        let lc =
            stirlingRemainder(n) - stirlingRemainder(x) - stirlingRemainder(n - x)
            - deviance(x, n * p) - deviance(n - x, n * q)
        let lf = logTwoPi + Double.log(x) + Double.log(onePlus: -x / n)
        return lc - 0.5 * lf
    }

    /// bd0(x, np) = x·log(x/np) + np − x, by its series when x is close to np (Loader 2000).
    static func deviance(_ x: Double, _ mean: Double) -> Double {
        if abs(x - mean) < 0.1 * (x + mean) {
            var v = (x - mean) / (x + mean)
            var sum = (x - mean) * v
            var term = 2 * x * v
            v *= v
            var j = 1
            while j < 1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
                j += 1
            }
            return sum
        }
        return x * Double.log(x / mean) + mean - x
    }

    /// stirlerr(n) = log n! − [(n + ½)·log n − n + ½·log 2π] for integer n ≥ 0.
    static func stirlingRemainder(_ n: Double) -> Double {
        if n <= 15 { return stirlingTable[Int(n)] }
        // Series coefficients 1/12, 1/360, 1/1260, 1/1680, 1/1188 (Abramowitz & Stegun 6.1.41),
        // truncated by size as in Loader's code.
        let s0 = 1.0 / 12.0
        let s1 = 1.0 / 360.0
        let s2 = 1.0 / 1260.0
        let s3 = 1.0 / 1680.0
        let s4 = 1.0 / 1188.0
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// stirlerr(0…15), computed with mpmath at 30 digits (they agree with Loader's table).
    static let stirlingTable: [Double] = [
        0.0, 0.081_061_466_795_327_258_219_67, 0.041_340_695_955_409_294_093_82,
        0.027_677_925_684_998_339_148_79, 0.020_790_672_103_765_093_111_52,
        0.016_644_691_189_821_192_163_19, 0.013_876_128_823_070_747_998_75,
        0.011_896_709_945_891_770_095_06, 0.010_411_265_261_972_096_497_48,
        0.009_255_462_182_712_732_917_729, 0.008_330_563_433_362_871_256_469,
        0.007_573_675_487_951_840_794_972, 0.006_942_840_107_209_529_865_664,
        0.006_408_994_188_004_207_068_44, 0.005_951_370_112_758_847_735_624,
        0.005_554_733_551_962_801_371_039,
    ]

    /// log(2π).
    static let logTwoPi = 1.837_877_066_409_345_483_56
}
