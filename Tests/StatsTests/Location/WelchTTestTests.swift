import Stats
import Testing

/// Welch's t-test against scipy `ttest_ind(equal_var=False)` and its confidence interval.
@Suite("Welch's t-test")
struct WelchTTestTests {
    struct Result: Decodable {
        let alternative: String
        let confidence: Double
        let undefined: Bool?
        let t: FixtureNumber?
        let df: Double?
        let pvalue: Double?
        let meanDifference: Double?
        let ciLow: FixtureNumber?
        let ciHigh: FixtureNumber?
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let a: [Double]
        let b: [Double]
        let results: [Result]
        var testDescription: String { name }
    }

    static let cases = (try? Fixtures.load("welch_ttest", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 20) }

    @Test("matches scipy", arguments: cases)
    func matchesScipy(_ fixture: Case) throws {
        for expected in fixture.results {
            let options = TestOptions(
                alternative: Alternative(scipyName: expected.alternative),
                confidenceLevel: expected.confidence)
            let label = "\(fixture.name) \(expected.alternative) \(expected.confidence)"
            if expected.undefined == true {
                #expect(throws: StatsUndefined.self, "\(label)") { try welchTTest(fixture.a, fixture.b, options: options) }
                continue
            }
            let result = try welchTTest(fixture.a, fixture.b, options: options)
            let scale = max(result.standardError, 1e-300)
            #expect(isClose(result.t, try #require(expected.t).value, absolute: 1e-12), "\(label) t \(result.t)")
            #expect(isClose(result.degreesOfFreedom, try #require(expected.df), relative: 1e-9), "\(label) df")
            #expect(isClose(result.pValue, try #require(expected.pvalue)), "\(label) p \(result.pValue)")
            #expect(isClose(result.meanDifference, try #require(expected.meanDifference), absolute: 1e-12 * scale))
            #expect(
                isClose(result.confidenceInterval.lower, try #require(expected.ciLow).value, absolute: 1e-9 * scale),
                "\(label) low \(result.confidenceInterval.lower)")
            #expect(
                isClose(result.confidenceInterval.upper, try #require(expected.ciHigh).value, absolute: 1e-9 * scale),
                "\(label) high \(result.confidenceInterval.upper)")
        }
    }

    @Test func tooFewSamplesSaysWhy() {
        let error = StatsUndefined(.welchTTest, .tooFewSamples(minimum: 2, counts: [1, 5]))
        #expect(throws: error) { try welchTTest([1], [1, 2, 3, 4, 5]) }
    }

    @Test func bothConstantIsUndefined() {
        #expect(throws: StatsUndefined(.welchTTest, .zeroVarianceInBothSamples)) {
            try welchTTest([2, 2, 2], [3, 3])
        }
    }

    @Test func nonFiniteAndBadConfidenceAreUndefined() {
        #expect(throws: StatsUndefined(.welchTTest, .nonFiniteValue)) { try welchTTest([1, .nan], [1, 2]) }
        #expect(throws: StatsUndefined(.welchTTest, .invalidConfidenceLevel(1))) {
            try welchTTest([1, 2], [1, 3], options: TestOptions(confidenceLevel: 1))
        }
    }

    @Test func logVariantReportsRatioOfGeometricMeans() throws {
        struct LogCase: Decodable {
            let name: String, a: [Double], b: [Double], alternative: String
            let undefined: Bool?, t: Double?, df: Double?, pvalue: Double?
            let ratio: Double?, ratioLow: FixtureNumber?, ratioHigh: FixtureNumber?
        }
        let cases = try Fixtures.load("welch_ttest_logs", as: LogCase.self)
        #expect(cases.count > 15)
        for fixture in cases {
            let options = TestOptions(alternative: Alternative(scipyName: fixture.alternative))
            if fixture.undefined == true {
                #expect(throws: StatsUndefined.self) { try welchTTestOnLogs(fixture.a, fixture.b, options: options) }
                continue
            }
            let result = try welchTTestOnLogs(fixture.a, fixture.b, options: options)
            #expect(isClose(result.onLogs.t, try #require(fixture.t)), "\(fixture.name)")
            #expect(isClose(result.onLogs.pValue, try #require(fixture.pvalue)), "\(fixture.name)")
            #expect(isClose(result.ratio, try #require(fixture.ratio), relative: 1e-9), "\(fixture.name)")
            #expect(isClose(result.ratioInterval.lower, try #require(fixture.ratioLow).value, relative: 1e-8))
            #expect(isClose(result.ratioInterval.upper, try #require(fixture.ratioHigh).value, relative: 1e-8))
        }
    }
}

/// Properties of Welch's test over many seeded samples.
@Suite("Welch's t-test properties")
struct WelchTTestPropertyTests {
    @Test(arguments: 0..<40)
    func properties(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(seed))
        let a = factory.lognormal(factory.integer(in: 2...40))
        let b = factory.lognormal(factory.integer(in: 2...40), logMean: 3.9 + Double(seed % 5) * 0.1)
        let two = try welchTTest(a, b)
        let less = try welchTTest(a, b, options: TestOptions(alternative: .less))
        let greater = try welchTTest(a, b, options: TestOptions(alternative: .greater))
        for p in [two.pValue, less.pValue, greater.pValue] { #expect(p >= 0 && p <= 1) }
        // Swapping the samples mirrors the one-sided p-values exactly.
        let swappedGreater = try welchTTest(b, a, options: TestOptions(alternative: .greater))
        #expect(less.pValue == swappedGreater.pValue)
        // A continuous statistic: the one-sided p-values are complementary.
        #expect(abs(less.pValue + greater.pValue - 1) < 1e-12)
        #expect(isClose(two.pValue, 2 * min(less.pValue, greater.pValue), relative: 1e-12))
        // Shifting both samples leaves the test unchanged up to rounding.
        let shifted = try welchTTest(a.map { $0 + 1000 }, b.map { $0 + 1000 })
        #expect(isClose(shifted.pValue, two.pValue, relative: 1e-8))
        // Interval–test duality: the 95% interval excludes 0 exactly when p < 0.05.
        let excludesZero = !two.confidenceInterval.contains(0)
        if abs(two.pValue - 0.05) > 1e-9 { #expect(excludesZero == (two.pValue < 0.05)) }
        // Identical samples never look different.
        let same = try welchTTest(a, a)
        #expect(same.pValue == 1)
        #expect(same.confidenceInterval.contains(0))
    }
}
