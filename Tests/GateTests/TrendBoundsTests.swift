import Gate
import LensCore
import Testing

/// A trend over values no file can carry any more (they are bounded on read) still does not trap:
/// the mean of [100, 1e308, 1e308, 100] overflows, the slope interval was built as `low...high`
/// from NaNs, and `trend` and `baseline show` died of SIGILL on such a history.
@Suite struct TrendBoundsTests {
    @Test(arguments: [
        [100, 1e308, 1e308, 100],
        [1e308, 1e308, 1e308, 1e308],
        [100, .infinity, 100, 100],
    ])
    func nonFiniteArithmeticGivesAReasonNotATrap(values: [Double]) {
        let trend = Trend(scenario: "s", target: MetricStatistic(.ttftMs, .quantile(0.5)), values: values)
        #expect(trend.undefinedReason != nil)
        #expect(trend.slopeInterval == nil)
    }

    @Test func boundedValuesStillGiveATrend() throws {
        let trend = Trend(scenario: "s", target: MetricStatistic(.ttftMs, .quantile(0.5)), values: [1e18, 1e18, 9e17, 1e18, 8e17])
        #expect(trend.undefinedReason == nil)
        let interval = try #require(trend.slopeInterval)
        #expect(interval.lowerBound <= interval.upperBound)
    }
}
