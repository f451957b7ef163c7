import Stats
import Testing

/// Holm (plain Python reference) and Benjamini–Hochberg (scipy) adjusted p-values.
@Suite("Multiple testing")
struct MultipleTestingTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let p: [Double]
        let holm: [Double]?
        let bh: [Double]?
        let undefined: Bool?
        var testDescription: String { name }
    }

    static let cases = (try? Fixtures.load("multiple_testing", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 12) }

    @Test("matches the references", arguments: cases)
    func matchesReferences(_ fixture: Case) throws {
        if fixture.undefined == true {
            #expect(throws: StatsUndefined.self) { try holmAdjusted(fixture.p) }
            #expect(throws: StatsUndefined.self) { try benjaminiHochbergAdjusted(fixture.p) }
            return
        }
        let holm = try holmAdjusted(fixture.p)
        let bh = try benjaminiHochbergAdjusted(fixture.p)
        #expect(holm.count == fixture.p.count && bh.count == fixture.p.count)
        for (value, expected) in zip(holm, try #require(fixture.holm)) { #expect(isClose(value, expected, relative: 1e-15)) }
        for (value, expected) in zip(bh, try #require(fixture.bh)) { #expect(isClose(value, expected, relative: 1e-15)) }
    }

    @Test(arguments: 0..<25)
    func adjustmentsAreMonotoneCappedAndConservative(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        let count = Int.random(in: 1...60, using: &generator)
        let p = (0..<count).map { _ in generator.nextOpenUnit() * (seed % 2 == 0 ? 1 : 0.01) }
        let holm = try holmAdjusted(p)
        let bh = try benjaminiHochbergAdjusted(p)
        for i in p.indices {
            #expect(holm[i] >= p[i] && holm[i] <= 1)
            #expect(bh[i] >= p[i] && bh[i] <= 1)
            // Holm controls the family-wise rate, so it is never below BH's FDR adjustment.
            #expect(holm[i] >= bh[i] - 1e-15)
            for j in p.indices where p[i] <= p[j] {
                #expect(holm[i] <= holm[j] && bh[i] <= bh[j])
            }
        }
    }
}
