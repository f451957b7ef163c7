import Testing

@testable import Stats

/// Hodges–Lehmann shift against a brute-force Python reference and a brute-force Swift one.
@Suite("Hodges-Lehmann shift")
struct HodgesLehmannTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let baseline: [Double]
        let current: [Double]
        let confidence: Double
        let estimate: Double
        let method: String
        let intervalUndefined: Bool?
        let k: Int?
        let low: Double?
        let high: Double?
        var testDescription: String { "\(name) @\(confidence)" }
    }

    static let cases = (try? Fixtures.load("hodges_lehmann", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 45) }

    @Test("matches brute force", arguments: cases)
    func matchesBruteForce(_ fixture: Case) throws {
        if fixture.intervalUndefined == true {
            #expect(throws: StatsUndefined.self) {
                try hodgesLehmannShift(
                    baseline: fixture.baseline, current: fixture.current,
                    confidenceLevel: fixture.confidence)
            }
            return
        }
        let result = try hodgesLehmannShift(
            baseline: fixture.baseline, current: fixture.current,
            confidenceLevel: fixture.confidence)
        #expect(result.estimate == fixture.estimate)
        #expect(result.method == (fixture.method == "exact" ? .exact : .asymptotic))
        #expect(result.lowerRank == fixture.k)
        #expect(result.confidenceInterval.lower == fixture.low)
        #expect(result.confidenceInterval.upper == fixture.high)
    }

    @Test func tooSmallForTheLevelSaysHowMuchIsAttainable() {
        // 2 + 2 values: the widest interval covers 1 − 2/C(4, 2) = 2/3.
        let expected = StatsUndefined(.hodgesLehmann, .confidenceUnattainable(requested: 0.95, attainable: 1 - 2.0 / 6.0))
        #expect(throws: expected) { try hodgesLehmannShift(baseline: [1, 2], current: [3, 5]) }
    }

    /// Brute force: every difference, sorted.
    static func bruteForce(_ x: [Double], _ y: [Double]) -> [Double] {
        var differences: [Double] = []
        for xi in x { for yj in y { differences.append(yj - xi) } }
        return differences.sorted()
    }

    @Test(arguments: 0..<60)
    func orderStatisticsMatchBruteForce(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(7000 + seed))
        let m = factory.integer(in: 1...300)
        let n = factory.integer(in: 1...300)
        // Alternate continuous and heavily tied data (ties stress the ≤ / < counting).
        let x = seed % 2 == 0 ? factory.lognormal(m) : factory.rounded(m, sd: 1.5)
        let y = seed % 2 == 0 ? factory.lognormal(n, logMean: 4) : factory.rounded(n, mean: 20.5, sd: 1.5)
        let differences = Self.bruteForce(x, y)
        let total = differences.count
        let median = total % 2 == 1 ? differences[total / 2] : (differences[total / 2 - 1] + differences[total / 2]) / 2
        guard let result = try? hodgesLehmannShift(baseline: x, current: y, confidenceLevel: 0.9) else {
            #expect(m * n < 40, "only tiny samples may be unable to reach 90%")
            return
        }
        #expect(result.estimate == median)
        let k = result.lowerRank
        #expect(result.confidenceInterval.lower == differences[k - 1])
        #expect(result.confidenceInterval.upper == differences[total - k])
        #expect(result.confidenceInterval.contains(result.estimate))
    }

    @Test func shiftingCurrentShiftsEstimate() throws {
        var factory = SampleFactory(seed: 99)
        let x = factory.rounded(50)
        let y = factory.rounded(60)
        let base = try hodgesLehmannShift(baseline: x, current: y)
        let moved = try hodgesLehmannShift(baseline: x, current: y.map { $0 + 8 })
        #expect(moved.estimate == base.estimate + 8)
        #expect(moved.confidenceInterval.lower == base.confidenceInterval.lower + 8)
    }
}

/// The pairwise-difference selection itself, with a tiny gather limit so that every sampling
/// round, split and tie fallback runs, against sorting all differences.
@Suite("Pairwise difference selection")
struct PairwiseDifferenceSelectionTests {
    @Test(arguments: 0..<200)
    func ranksMatchSortedDifferences(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(9000 + seed))
        let m = factory.integer(in: 1...120)
        let n = factory.integer(in: 1...120)
        let tied = seed % 3 == 0
        let x = (tied ? factory.rounded(m, sd: 1) : factory.lognormal(m)).sorted()
        let y = (tied ? factory.rounded(n, mean: 20, sd: 1) : factory.lognormal(n, logMean: 4.1)).sorted()
        let all = HodgesLehmannTests.bruteForce(x, y)
        let selection = PairwiseDifferenceSelection(x: x, y: y, gatherLimit: 1 + seed % 40)
        var ranks = (0..<6).map { _ in factory.integer(in: 1...all.count) }
        ranks += [1, all.count, (all.count + 1) / 2, all.count / 2 + 1]
        let values = selection.elements(ranks: ranks)
        for (rank, value) in zip(ranks, values) {
            #expect(value == all[rank - 1], "rank \(rank) of \(all.count) (m \(m), n \(n), tied \(tied))")
        }
    }
}
