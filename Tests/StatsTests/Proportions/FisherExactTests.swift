import Stats
import Testing

/// Fisher's exact test against scipy `fisher_exact`, including zero margins and counts of 10⁶.
@Suite("Fisher's exact test")
struct FisherExactTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let table: [[Int]]
        let alternative: String
        let pvalue: Double
        let oddsRatio: FixtureNumber?
        let oddsRatioUndefined: Bool?
        var testDescription: String { "\(name) \(alternative)" }
    }

    static let cases = (try? Fixtures.load("fisher_exact", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 90) }

    @Test("matches scipy", arguments: cases)
    func matchesScipy(_ fixture: Case) throws {
        let table = try TwoByTwoTable(fixture.table[0][0], fixture.table[0][1], fixture.table[1][0], fixture.table[1][1])
        let result = fisherExact(table, options: TestOptions(alternative: Alternative(scipyName: fixture.alternative)))
        #expect(isClose(result.pValue, fixture.pvalue), "p \(result.pValue) vs \(fixture.pvalue)")
        if fixture.oddsRatioUndefined == true {
            #expect(result.oddsRatio == nil)
        } else {
            #expect(isClose(try #require(result.oddsRatio), try #require(fixture.oddsRatio).value, relative: 1e-15))
        }
    }

    @Test func negativeCountIsUndefined() {
        #expect(throws: StatsUndefined(.fisherExact, .negativeCount(-1))) { try TwoByTwoTable(1, -1, 2, 3) }
    }

    @Test(arguments: 0..<30)
    func properties(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let n1 = Int.random(in: 1...400, using: &generator)
        let n2 = Int.random(in: 1...400, using: &generator)
        let e1 = Int.random(in: 0...n1, using: &generator)
        let e2 = Int.random(in: 0...n2, using: &generator)
        let table = try TwoByTwoTable(e1, n1 - e1, e2, n2 - e2)
        let swapped = try TwoByTwoTable(e2, n2 - e2, e1, n1 - e1)
        let less = fisherExact(table, options: TestOptions(alternative: .less)).pValue
        let greater = fisherExact(table, options: TestOptions(alternative: .greater)).pValue
        let two = fisherExact(table).pValue
        for p in [less, greater, two] { #expect(p >= 0 && p <= 1) }
        // Swapping the rows mirrors the one-sided tests.
        #expect(isClose(less, fisherExact(swapped, options: TestOptions(alternative: .greater)).pValue, relative: 1e-12))
        // Discrete: the two one-sided tails overlap in the observed table.
        #expect(less + greater >= 1 - 1e-12)
        #expect(isClose(two, fisherExact(swapped).pValue, relative: 1e-12))
        // Identical rows never look different.
        #expect(fisherExact(try TwoByTwoTable(e1, n1 - e1, e1, n1 - e1)).pValue == 1)
    }
}
