import Testing

@testable import Stats

/// Fieller interval for the relative change of means, against the Python reference formula.
@Suite("Relative change of means (Fieller)")
struct RelativeMeanChangeTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let baseline: [Double]
        let current: [Double]
        let confidence: Double
        let undefined: Bool?
        let estimate: Double?
        let low: Double?
        let high: Double?
        let df: Double?
        var testDescription: String { "\(name) @\(confidence)" }
    }

    static let cases = (try? Fixtures.load("relative_mean_change", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 14) }

    @Test("matches the reference", arguments: cases)
    func matchesReference(_ fixture: Case) throws {
        if fixture.undefined == true {
            #expect(throws: StatsUndefined(.relativeMeanChange, .unboundedInterval)) {
                try relativeMeanChange(baseline: fixture.baseline, current: fixture.current, confidence: fixture.confidence)
            }
            return
        }
        let result = try relativeMeanChange(
            baseline: fixture.baseline, current: fixture.current,
            confidence: fixture.confidence)
        #expect(isClose(result.estimate, try #require(fixture.estimate), relative: 1e-9, absolute: 1e-12))
        #expect(isClose(result.degreesOfFreedom, try #require(fixture.df), relative: 1e-9))
        #expect(isClose(result.confidenceInterval.lower, try #require(fixture.low), absolute: 1e-9))
        #expect(isClose(result.confidenceInterval.upper, try #require(fixture.high), absolute: 1e-9))
    }

    @Test func degenerateInputsAreUndefined() {
        #expect(throws: StatsUndefined(.relativeMeanChange, .zeroVarianceInBothSamples)) {
            try relativeMeanChange(baseline: [2, 2], current: [3, 3, 3])
        }
        #expect(throws: StatsUndefined(.relativeMeanChange, .zeroBaseline)) {
            try relativeMeanChange(baseline: [-1, 1], current: [3, 4])
        }
        #expect(throws: StatsUndefined(.relativeMeanChange, .tooFewSamples(minimum: 2, counts: [1, 3]))) {
            try relativeMeanChange(baseline: [1], current: [3, 4, 5])
        }
    }

    @Test(arguments: 0..<20)
    func intervalContainsEstimateAndScalesFree(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(300 + seed))
        let base = factory.lognormal(factory.integer(in: 5...60))
        let current = factory.lognormal(factory.integer(in: 5...60), logMean: 4.0)
        let result = try relativeMeanChange(baseline: base, current: current)
        #expect(result.confidenceInterval.contains(result.estimate))
        // Changing units (ms → s) changes nothing: the change is relative.
        let scaled = try relativeMeanChange(baseline: base.map { $0 / 1000 }, current: current.map { $0 / 1000 })
        #expect(isClose(scaled.estimate, result.estimate, relative: 1e-9, absolute: 1e-12))
        #expect(isClose(scaled.confidenceInterval.upper, result.confidenceInterval.upper, relative: 1e-9, absolute: 1e-12))
    }
}

/// Bootstrap interval for the relative change of a quantile.
@Suite("Relative change of a quantile (bootstrap)")
struct QuantileChangeTests {
    struct Case: Decodable {
        let name: String
        let baseline: [Double]
        let current: [Double]
        let quantile: Double
        let baselineQuantile: Double
        let currentQuantile: Double
        let change: Double
    }

    @Test func pointEstimatesMatchNumpy() throws {
        let cases = try Fixtures.load("quantile_change", as: Case.self)
        #expect(cases.count >= 9)
        for fixture in cases {
            if fixture.baseline.count < 2 || fixture.current.count < 2 {
                #expect(throws: StatsUndefined.self) {
                    try quantileChange(baseline: fixture.baseline, current: fixture.current, quantile: fixture.quantile)
                }
                continue
            }
            let result = try quantileChange(
                baseline: fixture.baseline, current: fixture.current,
                quantile: fixture.quantile, resamples: 200)
            #expect(result.baselineQuantile == fixture.baselineQuantile, "\(fixture.name)")
            #expect(result.currentQuantile == fixture.currentQuantile, "\(fixture.name)")
            #expect(isClose(result.estimate, fixture.change, relative: 1e-12, absolute: 1e-15), "\(fixture.name)")
        }
    }

    @Test func sameSeedSameResultDifferentSeedDifferentInterval() throws {
        var factory = SampleFactory(seed: 5)
        let base = factory.lognormal(300)
        let current = factory.lognormal(280, logMean: 4.0)
        let first = try quantileChange(baseline: base, current: current, quantile: 0.9, seed: 11)
        let again = try quantileChange(baseline: base, current: current, quantile: 0.9, seed: 11)
        let other = try quantileChange(baseline: base, current: current, quantile: 0.9, seed: 12)
        #expect(first == again)
        #expect(first.confidenceInterval != other.confidenceInterval)
        #expect(first.estimate == other.estimate)
        #expect(first.confidenceInterval.contains(first.estimate))
        #expect(first.pValueCurrentGreater > 0 && first.pValueCurrentGreater <= 1)
    }

    /// The two one-sided bootstrap p-values count ties (no change) against both directions.
    @Test func oneSidedBootstrapPValuesMirrorAndCountTies() throws {
        var factory = SampleFactory(seed: 8)
        let base = factory.lognormal(200)
        let slower = base.map { $0 * 1.3 }
        let change = try quantileChange(baseline: base, current: slower, quantile: 0.5, resamples: 999, seed: 3)
        #expect(change.pValueCurrentGreater < 0.01)
        #expect(change.pValueCurrentLess > 0.99)
        let swapped = try quantileChange(baseline: slower, current: base, quantile: 0.5, resamples: 999, seed: 3)
        #expect(swapped.pValueCurrentLess < 0.01)
        // Identical constant samples: every replicate is a tie, so neither direction is significant.
        let flat = try quantileChange(baseline: [5, 5, 5, 5], current: [5, 5, 5, 5], quantile: 0.5, resamples: 99)
        #expect(flat.pValueCurrentGreater == 1)
        #expect(flat.pValueCurrentLess == 1)
    }

    /// The extension draws more replicates only while a p-value is small, continuing the same
    /// seeded stream: the result equals a plain run with the first batch or with the maximum.
    @Test func resamplesExtendOnlyWhileAPValueIsSmall() throws {
        var factory = SampleFactory(seed: 9)
        let base = factory.lognormal(60)
        let slower = base.map { $0 * 3 }
        let extending = ResampleExtension(maximum: 3000, whilePValueBelow: 0.04)
        let settled = try quantileChange(
            baseline: base, current: base, quantile: 0.9, resamples: 500,
            extending: extending, seed: 4)
        #expect(settled.resamples == 500)
        #expect(settled == (try quantileChange(baseline: base, current: base, quantile: 0.9, resamples: 500, seed: 4)))
        let extended = try quantileChange(
            baseline: base, current: slower, quantile: 0.9, resamples: 500,
            extending: extending, seed: 4)
        #expect(extended.resamples == 3000)
        #expect(extended == (try quantileChange(baseline: base, current: slower, quantile: 0.9, resamples: 3000, seed: 4)))
        #expect(extended.pValueCurrentGreater < 1.0 / 501)
    }

    /// Zeros below the quantile (two stream events read at once give a 0 ms gap) leave a tail
    /// quantile's change defined; a quantile that is itself zero is not.
    @Test func zerosBelowATailQuantileAreFine() throws {
        var factory = SampleFactory(seed: 12)
        let gaps = factory.lognormal(300).enumerated().map { $0.offset % 5 == 0 ? 0 : $0.element }
        let change = try quantileChange(baseline: gaps, current: gaps.map { $0 * 2 }, quantile: 0.95, resamples: 500, seed: 1)
        #expect(abs(change.estimate - 1) < 1e-9)
        #expect(change.pValueCurrentGreater < 0.01)
        let mostlyZero = gaps.enumerated().map { $0.offset % 5 == 0 ? $0.element : 0 }
        #expect(throws: StatsUndefined(.quantileChange, .nonPositiveValue(0))) {
            try quantileChange(baseline: mostlyZero, current: gaps, quantile: 0.5)
        }
    }

    @Test func nonPositiveBaselineIsUndefined() {
        #expect(throws: StatsUndefined(.quantileChange, .nonPositiveValue(0))) {
            try quantileChange(baseline: [0, 1, 2], current: [1, 2, 3], quantile: 0.5)
        }
    }

    /// Two-sample Kolmogorov–Smirnov distance between two samples.
    static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted()
        let y = b.sorted()
        var i = 0
        var j = 0
        var distance = 0.0
        while i < x.count && j < y.count {
            let value = min(x[i], y[j])
            while i < x.count && x[i] == value { i += 1 }
            while j < y.count && y[j] == value { j += 1 }
            distance = max(distance, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return distance
    }

    /// The order-statistic replicate has the same distribution as quantiles of real resamples.
    @Test(arguments: [(15, 0.5), (15, 0.9), (40, 0.5), (40, 0.95), (40, 0.99), (7, 1.0)])
    func replicatesMatchArrayResampling(size: Int, probability: Double) throws {
        var factory = SampleFactory(seed: UInt64(size * 100))
        let sorted = factory.lognormal(size).sorted()
        let replicates = 20_000
        var fast = SeededGenerator(seed: 1)
        var slow = SeededGenerator(seed: 2)
        var viaOrderStatistics = [Double]()
        var viaResampling = [Double]()
        for _ in 0..<replicates {
            viaOrderStatistics.append(BootstrapQuantile.replicate(sorted, probability, using: &fast))
            let resample = (0..<size).map { _ in sorted[Int.random(in: 0..<size, using: &slow)] }.sorted()
            viaResampling.append(SortedSample.typeSevenQuantile(resample, probability))
        }
        // KS critical value for two samples of 20000 at α = 0.001 is 1.95·√(2/20000) ≈ 0.0195.
        let distance = Self.ksDistance(viaOrderStatistics, viaResampling)
        #expect(distance < 0.0195, "KS distance \(distance)")
        let meanFast = viaOrderStatistics.reduce(0, +) / Double(replicates)
        let meanSlow = viaResampling.reduce(0, +) / Double(replicates)
        let sd = (try Descriptive.standardDeviation(viaResampling))
        // Means agree within 4 standard errors of their difference.
        #expect(abs(meanFast - meanSlow) < 4 * sd * (2.0 / Double(replicates)).squareRoot() + 1e-12)
        let sdFast = try Descriptive.standardDeviation(viaOrderStatistics)
        #expect(abs(sdFast - sd) < 0.05 * sd + 1e-12)
        for p in [0.05, 0.5, 0.95] {
            // The resampling quantile q must be a p-quantile of the fast replicates too, within
            // Monte Carlo error: P(fast < q) ≤ p + ε and P(fast ≤ q) ≥ p − ε (atoms allowed).
            let q = try Descriptive.quantile(viaResampling, p)
            let below = Double(viaOrderStatistics.filter { $0 < q }.count) / Double(replicates)
            let atOrBelow = Double(viaOrderStatistics.filter { $0 <= q }.count) / Double(replicates)
            #expect(below <= p + 0.02 && atOrBelow >= p - 0.02, "q\(p) = \(q): \(below)…\(atOrBelow)")
        }
    }
}
