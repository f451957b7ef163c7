import Stats
import Testing

/// van Elteren's blocked rank test against its definition (scipy ranks) and, for one stratum,
/// against scipy's asymptotic Mann–Whitney without continuity correction.
@Suite("van Elteren")
struct VanElterenTests {
    struct Stratum: Decodable {
        let baseline: [Double]
        let candidate: [Double]
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let strata: [Stratum]
        let z: Double?
        let greater: Double?
        let less: Double?
        let twoSided: Double?
        let scipyGreater: Double?
        let undefined: Bool?
        var testDescription: String { name }
    }

    static let cases = (try? Fixtures.load("van_elteren", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 6) }

    @Test("matches the reference", arguments: cases)
    func matchesReference(_ fixture: Case) throws {
        // Candidate first: "greater" means the candidate tends to be larger.
        let strata = fixture.strata.map { (first: $0.candidate, second: $0.baseline) }
        if fixture.undefined == true {
            #expect(throws: StatsUndefined.self) { try vanElterenTest(strata) }
            return
        }
        let greater = try vanElterenTest(strata, options: TestOptions(alternative: .greater))
        let less = try vanElterenTest(strata, options: TestOptions(alternative: .less))
        let twoSided = try vanElterenTest(strata, options: TestOptions(alternative: .twoSided))
        #expect(isClose(greater.z, fixture.z ?? .nan, relative: 1e-9), "z \(greater.z) vs \(fixture.z ?? .nan)")
        #expect(isClose(greater.pValue, fixture.greater ?? .nan, relative: 1e-9))
        #expect(isClose(less.pValue, fixture.less ?? .nan, relative: 1e-9))
        #expect(isClose(twoSided.pValue, fixture.twoSided ?? .nan, relative: 1e-9))
        if let scipy = fixture.scipyGreater { #expect(isClose(greater.pValue, scipy, relative: 1e-9)) }
    }

    /// Shifting one block by a constant (drift) changes nothing: ranks are taken within blocks.
    @Test func blockDriftDoesNotMatter() throws {
        var generator = SeededGenerator(seed: 4)
        let strata = (0..<6).map { _ in
            (
                first: (0..<10).map { _ in RandomVariates.standardNormal(using: &generator) },
                second: (0..<10).map { _ in RandomVariates.standardNormal(using: &generator) }
            )
        }
        let drifted = strata.enumerated().map { index, stratum in
            (first: stratum.first.map { $0 + Double(index) * 100 }, second: stratum.second.map { $0 + Double(index) * 100 })
        }
        #expect(try vanElterenTest(strata).z == vanElterenTest(drifted).z)
        let swapped = strata.map { (first: $0.second, second: $0.first) }
        #expect(abs(try vanElterenTest(strata).z + vanElterenTest(swapped).z) < 1e-12)
    }
}
