import Stats
import Testing

/// Mann–Whitney U against scipy `mannwhitneyu` for every method, alternative and continuity.
@Suite("Mann-Whitney U")
struct MannWhitneyUTests {
    struct Result: Decodable {
        let alternative: String
        let method: String
        let continuity: Bool
        let undefined: Bool?
        let u: Double?
        let pvalue: Double?
        let methodUsed: String?
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let a: [Double]
        let b: [Double]
        let results: [Result]
        var testDescription: String { name }
    }

    static let cases = (try? Fixtures.load("mann_whitney_u", as: Case.self)) ?? []

    @Test func fixturesLoad() { #expect(Self.cases.count >= 30) }

    @Test("matches scipy", arguments: cases)
    func matchesScipy(_ fixture: Case) throws {
        for expected in fixture.results {
            let choice: MethodChoice =
                switch expected.method {
                case "exact": .exact
                case "asymptotic": .asymptotic
                default: .automatic
                }
            let options = TestOptions(alternative: Alternative(scipyName: expected.alternative))
            let label = "\(fixture.name) \(expected.method) \(expected.alternative) cc=\(expected.continuity)"
            if expected.undefined == true {
                #expect(throws: StatsUndefined(.mannWhitneyU, .allValuesTied), "\(label)") {
                    try mannWhitneyU(fixture.a, fixture.b, options: options, method: choice)
                }
                continue
            }
            let result = try mannWhitneyU(
                fixture.a, fixture.b, options: options, method: choice,
                continuityCorrection: expected.continuity)
            #expect(result.u == expected.u, "\(label) U")
            #expect(isClose(result.pValue, try #require(expected.pvalue)), "\(label) p \(result.pValue) vs \(expected.pvalue ?? .nan)")
            #expect(result.method == (expected.methodUsed == "exact" ? .exact : .asymptotic), "\(label) method")
            #expect(result.probabilityOfSuperiority == result.u / Double(fixture.a.count * fixture.b.count))
        }
    }

    /// The single-pass entry gives exactly the three single-alternative results, on every fixture.
    @Test("all alternatives at once equal three single calls", arguments: cases)
    func allAlternativesMatchSingleCalls(_ fixture: Case) throws {
        let a = try SortedSample(fixture.a)
        let b = try SortedSample(fixture.b)
        guard let all = try? mannWhitneyUAllAlternatives(a, b) else {
            #expect(throws: StatsUndefined.self) { try mannWhitneyU(a, b) }
            return
        }
        #expect(all.greater == (try mannWhitneyU(a, b, options: TestOptions(alternative: .greater))))
        #expect(all.less == (try mannWhitneyU(a, b, options: TestOptions(alternative: .less))))
        #expect(all.twoSided == (try mannWhitneyU(a, b, options: TestOptions(alternative: .twoSided))))
    }

    @Test func emptySampleIsUndefined() {
        #expect(throws: StatsUndefined(.mannWhitneyU, .tooFewSamples(minimum: 1, counts: [0, 2]))) {
            try mannWhitneyU([], [1, 2])
        }
    }
}

/// Properties of the Mann–Whitney test over many seeds.
@Suite("Mann-Whitney U properties")
struct MannWhitneyUPropertyTests {
    @Test(arguments: 0..<40)
    func properties(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(1000 + seed))
        let small = seed % 2 == 0
        let a = small ? factory.lognormal(factory.integer(in: 1...8)) : factory.rounded(factory.integer(in: 5...60))
        let b = small ? factory.lognormal(factory.integer(in: 1...12)) : factory.rounded(factory.integer(in: 5...60), mean: 21)
        let two = try mannWhitneyU(a, b)
        let less = try mannWhitneyU(a, b, options: TestOptions(alternative: .less))
        let greater = try mannWhitneyU(a, b, options: TestOptions(alternative: .greater))
        for p in [two.pValue, less.pValue, greater.pValue] { #expect(p >= 0 && p <= 1) }
        #expect(two.method == (small ? .exact : .asymptotic))
        // Swapping samples mirrors the one-sided p-value exactly.
        #expect(less.pValue == (try mannWhitneyU(b, a, options: TestOptions(alternative: .greater))).pValue)
        if small {
            // Exact and discrete: P(U ≤ u) + P(U ≥ u) = 1 + P(U = u) > 1.
            #expect(less.pValue + greater.pValue > 1 - 1e-12)
            // Scaling by 2 is exact in floating point and keeps every rank.
            let scaled = try mannWhitneyU(a.map { $0 * 2 }, b.map { $0 * 2 })
            #expect(scaled.pValue == two.pValue)
        } else {
            // Integer data shifted by an integer: ranks, ties and p are identical.
            let shifted = try mannWhitneyU(a.map { $0 + 4096 }, b.map { $0 + 4096 })
            #expect(shifted.pValue == two.pValue && shifted.u == two.u)
        }
        // Identical samples: two-sided p is exactly 1 (a single value against itself is all ties).
        for sample in [a, b] where Set(sample).count > 1 {
            #expect(try mannWhitneyU(sample, sample).pValue == 1)
        }
    }

    @Test func exactDistributionSumsToOneAndIsSymmetric() throws {
        // U over all arrangements of (m, n) = (4, 6): a one-sided exact p at U = 0 is 1/C(10, 4).
        let result = try mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8, 9, 10], options: TestOptions(alternative: .less))
        #expect(result.u == 0)
        #expect(isClose(result.pValue, 1.0 / 210.0, relative: 1e-14))
    }
}
