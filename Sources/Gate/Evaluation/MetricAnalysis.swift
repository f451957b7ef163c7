import LensCore
import Stats

/// The two-sample tests of one metric (current against baseline), computed once and shared by
/// every rule on that metric, whether the test decides the rule or is reported as evidence.
///
/// Each test runs as `test(current, baseline)`: scipy's "greater" means "current is larger".
struct MetricAnalysis: Sendable {
    /// One-sided and two-sided p-values of one test.
    struct Tails: Sendable {
        /// H₁: current is larger.
        var greater: Double
        /// H₁: current is smaller.
        var less: Double
        /// H₁: they differ.
        var twoSided: Double

        /// The p-value for "current is worse" given which direction is worse.
        func worse(_ worse: Alternative) -> Double { worse == .greater ? greater : less }
        /// The p-value for "current is better".
        func better(_ worse: Alternative) -> Double { worse == .greater ? less : greater }
    }

    /// Welch's t-test on raw values.
    let welch: Result<(test: TTestResult, tails: Tails), StatsUndefined>
    /// Welch's t-test on log values (ratio of geometric means).
    let welchLog: Result<(test: RatioTTestResult, tails: Tails), StatsUndefined>
    /// Mann–Whitney U, all alternatives from one rank pass.
    let mannWhitney: Result<MannWhitneyAlternatives, StatsUndefined>
    /// The Hodges–Lehmann shift, or nil when left out for size (see `hodgesLehmannPairLimit`).
    let hodgesLehmann: Result<ShiftEstimate, StatsUndefined>?

    /// Above this many sample pairs the Hodges–Lehmann shift is left out: it is an extra effect
    /// size, and its selection over 10¹⁰ pairs already takes a noticeable fraction of a second.
    static let hodgesLehmannPairLimit = 1e10

    init(baseline x: SortedSample, current y: SortedSample, confidence: Double) {
        let options = TestOptions(alternative: .twoSided, confidenceLevel: confidence)
        welch = Result { () throws(StatsUndefined) in
            let test = try welchTTest(y.values, x.values, options: options)
            return (test, try MetricAnalysis.tails(t: test.t, degreesOfFreedom: test.degreesOfFreedom, twoSided: test.pValue))
        }
        welchLog = Result { () throws(StatsUndefined) in
            let test = try welchTTestOnLogs(y.values, x.values, options: options)
            return (
                test,
                try MetricAnalysis.tails(
                    t: test.onLogs.t, degreesOfFreedom: test.onLogs.degreesOfFreedom,
                    twoSided: test.onLogs.pValue)
            )
        }
        mannWhitney = Result { () throws(StatsUndefined) in try mannWhitneyUAllAlternatives(y, x) }
        if Double(x.count) * Double(y.count) <= MetricAnalysis.hodgesLehmannPairLimit {
            hodgesLehmann = Result { () throws(StatsUndefined) in
                try hodgesLehmannShift(baseline: x, current: y, confidenceLevel: confidence)
            }
        } else {
            hodgesLehmann = nil
        }
    }

    /// One-sided p-values from t and its degrees of freedom, as scipy computes them
    /// (`t.sf(t, df)` for "greater", `t.cdf(t, df)` for "less").
    private static func tails(t: Double, degreesOfFreedom: Double, twoSided: Double) throws(StatsUndefined) -> Tails {
        let distribution = try StudentT(degreesOfFreedom: degreesOfFreedom)
        return Tails(greater: distribution.sf(t), less: distribution.cdf(t), twoSided: twoSided)
    }
}

extension MannWhitneyAlternatives {
    /// The three p-values as tails.
    var tails: MetricAnalysis.Tails {
        MetricAnalysis.Tails(greater: greater.pValue, less: less.pValue, twoSided: twoSided.pValue)
    }
}
