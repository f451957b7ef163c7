import Foundation
import LensCore
import Stats
import Testing

@testable import Gate

/// `lens-gate trend`'s report shows every statistic `Trend` computes, with enough digits, and its
/// Mermaid charts use plain decimals only.
@Suite struct TrendReportTests {
    /// A creeping series of nine runs with one tie and one odd run.
    static let series: [Double] = [100, 101.5, 101.5, 104, 103, 106.2, 140, 107.9, 109.4]
    static let trend = Trend(scenario: "chat", target: MetricStatistic(.ttftMs, .quantile(0.95)), values: series)

    @Test func theTrendCarriesTauAndBothPValuesOfItsTests() throws {
        let trend = Self.trend
        let x = Self.series.indices.map(Double.init)
        let twoSided = try mannKendall(Self.series)
        let worse = try mannKendall(Self.series, options: TestOptions(alternative: .greater))
        let ols = try olsTrend(x: x, y: Self.series)
        #expect(trend.kendallTau == twoSided.tau)
        #expect(trend.mannKendallPTwoSided == twoSided.pValue)
        #expect(trend.mannKendallPWorse == worse.pValue)
        #expect(trend.olsPValue == ols.pValue)
        #expect(trend.olsSlopePercentPerRun == ols.slope / (try Descriptive.mean(Self.series)) * 100)
    }

    @Test func theTextShowsEveryStatisticToThreeSignificantDigits() throws {
        let trend = Self.trend
        let text = TrendReport(trends: [trend], window: 9).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("scenario"))
        for column in ["slope", "95% interval", "τ", "p", "p worse", "OLS slope", "OLS p"] { #expect(lines[0].contains(column)) }
        let row = lines[1]
        #expect(row.contains(String(format: "%+.3f", try #require(trend.kendallTau))))
        #expect(row.contains(TrendReport.probability(try #require(trend.mannKendallPTwoSided))))
        #expect(row.contains(TrendReport.probability(try #require(trend.mannKendallPWorse))))
        #expect(row.contains(TrendReport.probability(try #require(trend.olsPValue))))
        #expect(row.contains(TrendReport.percent(try #require(trend.olsSlopePercentPerRun)) + "/run"))
        #expect(row.contains(TrendReport.percent(try #require(trend.slopePercentPerRun)) + "/run"))
        #expect(text.contains("Kendall's tau"))
    }

    @Test func numbersKeepThreeSignificantDigits() {
        #expect(TrendReport.percent(0.31234) == "+0.312%")
        #expect(TrendReport.percent(-12.345) == "-12.3%")
        #expect(TrendReport.percent(0.000_412_3) == "+0.000412%")
        #expect(TrendReport.probability(0.031_24) == "0.0312")
        #expect(TrendReport.probability(0.000_123_4) == "1.23e-04")
        #expect(TrendReport.probability(1) == "1")
    }

    @Test func theJSONHasFullPrecisionAndTheSameFieldsForEveryTrend() throws {
        let short = Trend(scenario: "chat", target: MetricStatistic(.e2eMs, .quantile(0.5)), values: [1, 2])
        let report = TrendReport(trends: [Self.trend, short], window: 9)
        let node = try JSONParser.parse(JSONWriter().bytes(report.json))
        let root = try node.object(at: .root)
        #expect(try root.required("schema_version").integer(at: .root) == 1)
        let trends = try root.required("trends").elements(at: .root)
        #expect(trends.count == 2)
        let first = try trends[0].object(at: .root)
        let mannKendall = try first.required("mann_kendall").object(at: .root)
        #expect(try mannKendall.required("tau").number(at: .root) == Self.trend.kendallTau)
        #expect(try mannKendall.required("p_two_sided").number(at: .root) == Self.trend.mannKendallPTwoSided)
        #expect(try mannKendall.required("p_worse").number(at: .root) == Self.trend.mannKendallPWorse)
        let ols = try first.required("ols").object(at: .root)
        #expect(try ols.required("p_two_sided").number(at: .root) == Self.trend.olsPValue)
        #expect(try ols.required("slope_pct_per_run").number(at: .root) == Self.trend.olsSlopePercentPerRun)
        let theilSen = try first.required("theil_sen").object(at: .root)
        #expect(try theilSen.required("slope_pct_per_run").number(at: .root) == Self.trend.slopePercentPerRun)
        #expect(try first.required("check").string(at: .root) == "ttft_ms.p95")
        let second = try trends[1].object(at: .root)
        #expect(try second.required("undefined_reason").string(at: .root).contains("at least 3"))
        #expect(try second.required("mann_kendall").object(at: .root).optional("tau") == nil)
    }

    @Test func plainDecimalsNeverUseExponentNotation() throws {
        #expect(Notation.plain(4e-7, digits: 4) == "0.0000004")
        #expect(Notation.plain(4.1234567e-7, digits: 4) == "0.0000004123")
        #expect(Notation.plain(-1.5e-12, digits: 4) == "-0.0000000000015")
        #expect(Notation.plain(123.456, digits: 4) == "123.5")
        #expect(Notation.plain(99_999.9, digits: 4) == "100000")
        #expect(Notation.plain(1.234e20, digits: 4) == "123400000000000000000")
        #expect(Notation.plain(0, digits: 4) == "0")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = Double.random(in: 1...10, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            let text = Notation.plain(value, digits: 4)
            #expect(!text.contains("e") && !text.contains("E"), "\(value) → \(text)")
            let parsed = try #require(Double(text))
            #expect(abs(parsed - value) <= value * 5e-4, "\(value) → \(text)")
        }
    }

    @Test func mermaidChartsOfTinyValuesUsePlainDecimals() throws {
        // A small cost_usd trend: exponent notation made Mermaid's xychart-beta fail to render.
        let chart = TrendChart.markdown(title: "cost_usd.mean · chat", unit: "USD", values: [4e-7, 4.2e-7, 4.5e-7])
        let line = try #require(chart.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("line [") })
        #expect(line.contains("[0.0000004, 0.00000042, 0.00000045]"))
        #expect(!chart.contains("e-"))
    }
}
