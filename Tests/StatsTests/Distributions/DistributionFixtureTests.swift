import Stats
import Testing

/// Normal and Student t functions against scipy (1e-6) and 50-digit mpmath values (1e-11).
@Suite("Distributions against scipy and mpmath")
struct DistributionFixtureTests {
    struct Point: Decodable {
        let x: Double?
        let df: Double?
        let t: Double?
        let cdf: Double
        let sf: Double
        let exactCdf: Double?
        let exactSf: Double?
    }

    struct QuantilePoint: Decodable {
        let df: Double?
        let p: Double
        let quantile: FixtureNumber
        let isf: FixtureNumber
        let exactQuantile: Double?
    }

    struct Case: Decodable {
        let name: String
        let points: [Point]
        let quantiles: [QuantilePoint]
    }

    static let cases = (try? Fixtures.load("distributions", as: Case.self)) ?? []

    @Test func normalMatchesReference() throws {
        let normal = try #require(Self.cases.first { $0.name == "normal" })
        for point in normal.points {
            let x = try #require(point.x)
            #expect(isClose(Normal.cdf(x), point.cdf, relative: 1e-13), "cdf(\(x))")
            #expect(isClose(Normal.sf(x), point.sf, relative: 1e-13), "sf(\(x))")
            if let exact = point.exactSf { #expect(isClose(Normal.sf(x), exact, relative: 1e-12), "exact sf(\(x))") }
        }
        for point in normal.quantiles {
            let quantile = try Normal.quantile(point.p)
            #expect(isClose(quantile, point.quantile.value, relative: 1e-13), "ppf(\(point.p)) = \(quantile)")
            #expect(isClose(try Normal.inverseSurvival(point.p), point.isf.value, relative: 1e-13), "isf(\(point.p))")
            if let exact = point.exactQuantile {
                #expect(isClose(quantile, exact, relative: 1e-14, absolute: 1e-15), "exact ppf(\(point.p))")
            }
        }
    }

    @Test func studentTMatchesReference() throws {
        let student = try #require(Self.cases.first { $0.name == "student-t" })
        #expect(student.points.count > 400)
        for point in student.points {
            let (df, t) = (try #require(point.df), try #require(point.t))
            let distribution = try StudentT(degreesOfFreedom: df)
            let cdf = distribution.cdf(t)
            let sf = distribution.sf(t)
            #expect(isClose(cdf, point.cdf, relative: 1e-6), "df \(df) cdf(\(t)) = \(cdf) vs scipy \(point.cdf)")
            #expect(isClose(sf, point.sf, relative: 1e-6), "df \(df) sf(\(t)) = \(sf) vs scipy \(point.sf)")
            if let exactSf = point.exactSf, let exactCdf = point.exactCdf {
                #expect(isClose(sf, exactSf, relative: 1e-12), "df \(df) sf(\(t)) = \(sf) vs exact \(exactSf)")
                #expect(isClose(cdf, exactCdf, relative: 1e-12), "df \(df) cdf(\(t)) = \(cdf) vs exact \(exactCdf)")
            }
        }
        // scipy's stdtrit saturates near 1e153 for tiny tails with ν < 1; those points are
        // checked by quantileInvertsCdfAcrossDegreesOfFreedom instead.
        for point in student.quantiles where abs(point.quantile.value) < 1e150 {
            let distribution = try StudentT(degreesOfFreedom: try #require(point.df))
            let quantile = try distribution.quantile(point.p)
            let isf = try distribution.inverseSurvival(point.p)
            #expect(
                isClose(quantile, point.quantile.value, relative: 1e-9, absolute: 1e-15),
                "df \(distribution.degreesOfFreedom) ppf(\(point.p)) = \(quantile) vs \(point.quantile)")
            #expect(
                isClose(isf, point.isf.value, relative: 1e-9, absolute: 1e-15),
                "df \(distribution.degreesOfFreedom) isf(\(point.p)) = \(isf) vs \(point.isf)")
        }
    }

    @Test func quantileInvertsCdfAcrossDegreesOfFreedom() throws {
        for df in [0.2, 0.7, 1.0, 2.0, 3.5, 12.0, 250.0, 3e5, 4e9] {
            let distribution = try StudentT(degreesOfFreedom: df)
            for q in [1e-250, 1e-40, 1e-8, 0.003, 0.2, 0.4999] {
                let t = try distribution.inverseSurvival(q)
                if t.isInfinite { continue }  // beyond the largest double (heavy tails, tiny q)
                #expect(isClose(distribution.sf(t), q, relative: 1e-11), "df \(df) q \(q): t \(t) sf \(distribution.sf(t))")
            }
        }
    }

    @Test func invalidArgumentsAreUndefined() {
        #expect(throws: StatsUndefined.self) { try StudentT(degreesOfFreedom: 0) }
        #expect(throws: StatsUndefined.self) { try StudentT(degreesOfFreedom: .nan) }
        #expect(throws: StatsUndefined.self) { try Normal.quantile(-0.1) }
    }
}
