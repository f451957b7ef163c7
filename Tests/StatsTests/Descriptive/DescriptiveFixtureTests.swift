import Stats
import Testing

/// Known answers for mean, variance, quantiles and geometric mean from numpy/scipy.
@Suite("Descriptive statistics against numpy")
struct DescriptiveFixtureTests {
    struct Case: Decodable {
        let name: String
        let values: [Double]
        let mean: Double
        let variance: Double?
        let standardDeviation: Double?
        let geometricMean: Double?
        let median: Double
        let probabilities: [Double]
        let quantiles: [Double]
    }

    static let cases = (try? Fixtures.load("descriptive", as: Case.self)) ?? []

    @Test("fixture file loads") func fixtureLoads() {
        #expect(Self.cases.count > 40)
    }

    @Test("matches numpy", arguments: cases)
    func matchesNumpy(_ fixture: Case) throws {
        let mean = try Descriptive.mean(fixture.values)
        #expect(isClose(mean, fixture.mean, relative: 1e-12), "\(fixture.name) mean \(mean)")
        if let expected = fixture.variance {
            let variance = try Descriptive.variance(fixture.values)
            #expect(isClose(variance, expected, relative: 1e-9, absolute: 1e-12), "\(fixture.name) variance \(variance)")
            let sd = try Descriptive.standardDeviation(fixture.values)
            #expect(isClose(sd, fixture.standardDeviation ?? .nan, relative: 1e-9, absolute: 1e-12))
        } else {
            #expect(throws: StatsUndefined.self) { try Descriptive.variance(fixture.values) }
        }
        if let expected = fixture.geometricMean {
            #expect(isClose(try Descriptive.geometricMean(fixture.values), expected, relative: 1e-12))
        }
        let sorted = try SortedSample(fixture.values)
        #expect(try sorted.median() == fixture.median, "\(fixture.name) median")
        for (p, expected) in zip(fixture.probabilities, fixture.quantiles) {
            let quantile = try sorted.quantile(p)
            #expect(isClose(quantile, expected, relative: 1e-15), "\(fixture.name) q\(p): \(quantile) vs \(expected)")
        }
    }
}

extension DescriptiveFixtureTests.Case: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// Edge cases: empty input, non-finite values, invalid probabilities.
@Suite("Descriptive statistics edge cases")
struct DescriptiveEdgeCaseTests {
    @Test func emptySampleIsUndefined() {
        #expect(throws: StatsUndefined(.mean, .tooFewSamples(minimum: 1, counts: [0]))) {
            try Descriptive.mean([])
        }
        #expect(throws: StatsUndefined.self) { try Descriptive.median([]) }
    }

    @Test func nonFiniteValuesAreRejected() {
        #expect(throws: StatsUndefined(.mean, .nonFiniteValue)) { try Descriptive.mean([1, .nan]) }
        #expect(throws: StatsUndefined.self) { try SortedSample([1, .infinity]) }
    }

    @Test func geometricMeanNeedsPositiveValues() {
        #expect(throws: StatsUndefined(.geometricMean, .nonPositiveValue(0))) {
            try Descriptive.geometricMean([1, 0, 2])
        }
    }

    @Test func quantileProbabilityMustBeInUnitInterval() throws {
        let sample = try SortedSample([3, 1, 2])
        #expect(throws: StatsUndefined(.quantile, .invalidProbability(1.5))) { try sample.quantile(1.5) }
        #expect(try sample.quantile(0) == 1)
        #expect(try sample.quantile(1) == 3)
    }

    @Test func alreadySortedInitializerRepairsUnsortedInput() throws {
        let sample = try SortedSample(alreadySorted: [3, 1, 2])
        #expect(sample.values == [1, 2, 3])
    }

    @Test func errorDescriptionIsOneSentence() {
        let error = StatsUndefined(.welchTTest, .tooFewSamples(minimum: 2, counts: [1, 5]))
        #expect(error.description == "need at least 2 samples per side for Welch's t-test (have 1 and 5)")
    }
}
