import Stats
import Testing

/// The Maritz–Jarrett standard error of a quantile against scipy's `mstats.mjci` definition
/// (its weights from scipy's Beta distribution, summed without mjci's cancellation).
@Suite("Maritz–Jarrett standard error")
struct QuantileStandardErrorTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let values: [Double]
        let probabilities: [Double]
        let errors: [Double?]
        var testDescription: String { name }
    }

    static let cases = (try? Fixtures.load("quantile_standard_error", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 25) }

    @Test("matches scipy", arguments: cases)
    func matchesScipy(_ fixture: Case) throws {
        let sorted = try SortedSample(fixture.values)
        for (probability, expected) in zip(fixture.probabilities, fixture.errors) {
            guard let expected else {
                #expect(throws: StatsUndefined.self, "\(fixture.name) p\(probability)") {
                    try sorted.maritzJarrettStandardError(probability)
                }
                continue
            }
            let error = try sorted.maritzJarrettStandardError(probability)
            // Absolute slack for tied samples, where the error is 0 and both sides hold rounding noise.
            #expect(
                isClose(error, expected, relative: 1e-6, absolute: 1e-9 * (fixture.values.map(abs).max() ?? 1)),
                "\(fixture.name) p\(probability): \(error) vs \(expected)")
        }
    }

    /// For a bimodal sample the median's error is far below what the log-normal formula
    /// (1.2533·σ/√n on the log scale) claims, because σ is inflated by the gap between the modes.
    @Test func bimodalMedianIsNotJudgedByTheOverallSpread() throws {
        var generator = SeededGenerator(seed: 3)
        let logs = (0..<400).map { index in
            (index % 10 < 7 ? 0.0 : Double.log(2.2)) + 0.15 * RandomVariates.standardNormal(using: &generator)
        }
        let sorted = try SortedSample(logs)
        let formula = 1.2533 * (try Descriptive.standardDeviation(logs)) / Double(logs.count).squareRoot()
        let error = try sorted.maritzJarrettStandardError(0.5)
        #expect(error < 0.8 * formula, "Maritz–Jarrett \(error), log-normal formula \(formula)")
    }

    @Test func outOfRangeProbabilitiesAreUndefined() throws {
        let sorted = try SortedSample([1, 2, 3, 4, 5])
        #expect(throws: StatsUndefined.self) { try sorted.maritzJarrettStandardError(0) }
        #expect(throws: StatsUndefined.self) { try sorted.maritzJarrettStandardError(1) }
        #expect(throws: StatsUndefined.self) { try sorted.maritzJarrettStandardError(0.99) }
    }
}
