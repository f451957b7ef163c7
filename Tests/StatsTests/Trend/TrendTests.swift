import Stats
import Testing

/// OLS, Theil–Sen and Mann–Kendall against scipy over flat, rising, heavy-tailed, stepped,
/// monotone, tied and outlier series of many lengths.
@Suite("Trend")
struct TrendTests {
    struct OLSCase: Decodable {
        let name: String, x: [Double], y: [Double], alternative: String, undefined: Bool?
        let slope: Double?, intercept: Double?, rvalue: Double?, pvalue: Double?
        let stderr: Double?, interceptStderr: Double?
    }

    struct TheilSenCase: Decodable {
        let name: String, x: [Double], y: [Double], confidence: Double, undefined: Bool?
        let slope: Double?, intercept: Double?, lowSlope: Double?, highSlope: Double?
    }

    struct KendallCase: Decodable {
        let name: String, y: [Double], alternative: String, undefined: Bool?
        let tau: Double?, pvalue: Double?, methodUsed: String?
    }

    @Test func olsMatchesLinregress() throws {
        let cases = try Fixtures.load("ols_trend", as: OLSCase.self)
        #expect(cases.count > 200)
        for fixture in cases {
            let options = TestOptions(alternative: Alternative(scipyName: fixture.alternative))
            let label = "\(fixture.name) \(fixture.alternative)"
            if fixture.undefined == true {
                #expect(throws: StatsUndefined.self, "\(label)") { try olsTrend(x: fixture.x, y: fixture.y, options: options) }
                continue
            }
            let result = try olsTrend(x: fixture.x, y: fixture.y, options: options)
            let scale = max(abs(result.slope), result.slopeStandardError)
            #expect(isClose(result.slope, try #require(fixture.slope), absolute: 1e-9 * scale), "\(label) slope")
            #expect(isClose(result.intercept, try #require(fixture.intercept), absolute: 1e-9 * abs(result.meanResponse)), "\(label)")
            #expect(isClose(result.rValue, try #require(fixture.rvalue), absolute: 1e-10), "\(label) r")
            #expect(isClose(result.pValue, try #require(fixture.pvalue), absolute: 1e-12), "\(label) p \(result.pValue)")
            #expect(isClose(result.slopeStandardError, try #require(fixture.stderr), absolute: 1e-12 * scale), "\(label) se")
            #expect(isClose(result.interceptStandardError, try #require(fixture.interceptStderr), absolute: 1e-12), "\(label)")
        }
    }

    @Test func theilSenMatchesTheilslopes() throws {
        let cases = try Fixtures.load("theil_sen", as: TheilSenCase.self)
        #expect(cases.count > 200)
        for fixture in cases {
            let label = "\(fixture.name) \(fixture.confidence)"
            if fixture.undefined == true {
                #expect(throws: StatsUndefined.self, "\(label)") {
                    try theilSen(x: fixture.x, y: fixture.y, confidence: fixture.confidence)
                }
                continue
            }
            let result = try theilSen(x: fixture.x, y: fixture.y, confidence: fixture.confidence)
            #expect(result.slope == fixture.slope, "\(label) slope")
            #expect(isClose(result.intercept, try #require(fixture.intercept), absolute: 1e-9), "\(label) intercept")
            #expect(result.lowSlope == fixture.lowSlope, "\(label) low")
            #expect(result.highSlope == fixture.highSlope, "\(label) high")
        }
    }

    @Test func mannKendallMatchesKendalltau() throws {
        let cases = try Fixtures.load("mann_kendall", as: KendallCase.self)
        #expect(cases.count > 200)
        for fixture in cases {
            let options = TestOptions(alternative: Alternative(scipyName: fixture.alternative))
            let label = "\(fixture.name) \(fixture.alternative)"
            if fixture.undefined == true {
                #expect(throws: StatsUndefined.self, "\(label)") { try mannKendall(fixture.y, options: options) }
                continue
            }
            let result = try mannKendall(fixture.y, options: options)
            #expect(isClose(result.tau, try #require(fixture.tau), relative: 1e-12), "\(label) tau")
            #expect(isClose(result.pValue, try #require(fixture.pvalue)), "\(label) p \(result.pValue) vs \(fixture.pvalue ?? .nan)")
            #expect(result.method == (fixture.methodUsed == "exact" ? .exact : .asymptotic), "\(label) method")
        }
    }

    @Test func slopePercentOfMean() throws {
        let trend = try olsTrend([10, 11, 12, 13, 14])
        #expect(isClose(try trend.slopePercentOfMean(), 100.0 / 12.0, relative: 1e-12))
    }

    @Test(arguments: 0..<30)
    func trendProperties(seed: Int) throws {
        var factory = SampleFactory(seed: UInt64(500 + seed))
        let n = factory.integer(in: 4...80)
        let y = seed % 2 == 0 ? factory.lognormal(n) : factory.rounded(n)
        guard Set(y).count > 1 else { return }
        let up = try mannKendall(y, options: TestOptions(alternative: .greater))
        let down = try mannKendall(y.reversed(), options: TestOptions(alternative: .less))
        // Reversing time mirrors the one-sided p-values (to rounding: scipy's exact path forms
        // the far tail as 1 − p/2 + P(C = c)).
        #expect(isClose(up.pValue, down.pValue, relative: 1e-13))
        #expect(up.pValue >= 0 && up.pValue <= 1)
        // Adding a constant leaves every rank, the OLS slope (up to rounding) and τ unchanged.
        let shifted = y.map { $0 + 4096 }
        #expect(try mannKendall(shifted).pValue == (try mannKendall(y)).pValue)
        let ols = try olsTrend(y)
        let olsShifted = try olsTrend(shifted)
        #expect(isClose(ols.pValue, olsShifted.pValue, relative: 1e-6, absolute: 1e-12))
        #expect(isClose(olsShifted.slope, ols.slope, absolute: 1e-9 * max(1, abs(ols.slope))))
        let sen = try theilSen(x: y.indices.map(Double.init), y: y)
        #expect(sen.lowSlope <= sen.slope && sen.slope <= sen.highSlope)
    }
}
