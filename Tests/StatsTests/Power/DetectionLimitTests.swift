import Stats
import Testing

/// Minimum detectable difference against (t.isf(α or α/2) + t.ppf(power))·SE from scipy.
@Suite("Minimum detectable difference")
struct DetectionLimitTests {
    struct Case: Decodable {
        let name: String, standardError: Double, df: Double, alpha: Double, power: Double
        let alternative: String, mdd: Double
    }

    @Test func matchesScipyQuantiles() throws {
        let cases = try Fixtures.load("detection_limit", as: Case.self)
        #expect(cases.count > 200)
        for fixture in cases {
            let value = try minimumDetectableDifference(
                standardError: fixture.standardError, degreesOfFreedom: fixture.df, alpha: fixture.alpha,
                power: fixture.power, alternative: Alternative(scipyName: fixture.alternative))
            #expect(isClose(value, fixture.mdd, relative: 1e-9), "\(fixture.name): \(value) vs \(fixture.mdd)")
        }
    }

    @Test func growsWithPowerAndShrinksWithAlpha() throws {
        let base = try minimumDetectableDifference(standardError: 1, degreesOfFreedom: 20)
        #expect(try minimumDetectableDifference(standardError: 1, degreesOfFreedom: 20, power: 0.9) > base)
        #expect(try minimumDetectableDifference(standardError: 1, degreesOfFreedom: 20, alpha: 0.1) < base)
        #expect(try minimumDetectableDifference(standardError: 2, degreesOfFreedom: 20) == 2 * base)
    }

    @Test func invalidArgumentsAreUndefined() {
        #expect(throws: StatsUndefined.self) { try minimumDetectableDifference(standardError: -1, degreesOfFreedom: 5) }
        #expect(throws: StatsUndefined.self) { try minimumDetectableDifference(standardError: 1, degreesOfFreedom: 0) }
        #expect(throws: StatsUndefined.self) { try minimumDetectableDifference(standardError: 1, degreesOfFreedom: 5, power: 1) }
    }
}
