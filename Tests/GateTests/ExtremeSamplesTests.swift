import LensCore
import Testing

@testable import Gate

/// Samples that are valid but span the whole range of a double (a denormal next to 2^31) make
/// ratios overflow: a bootstrap replicate of current/baseline is ∞, two of them interpolate to
/// NaN, and the interval `lower...upper` trapped. Found by the fuzzer (Fuzz/Corpus/results/
/// regression-denormal-sample-nan-bootstrap-interval.json). Every interval built from data is
/// now checked; a check whose interval cannot be stated says why.
@Suite struct ExtremeSamplesTests {
    static func results(_ ttft: [Double]) -> Results {
        var samples = MetricSamples()
        samples[.ttftMs] = ttft
        return Results(scenarios: [ScenarioResult(name: "chat", samples: samples)])
    }

    @Test(arguments: [
        // The smallest subnormal (4.9e-324) and a subnormal near 2.2e-308, as results files can hold them.
        [Double.leastNonzeroMagnitude, 118.2, 131.0, 2_147_483_648],
        [0x0.fd1d7d505cd02p-1022, 0x0.fd1d7d505cd02p-1022, 1e18, 1e18],
        [1e-300, 1e18, 5, 7, 1e-300],
    ])
    func extremeSamplesGiveAVerdictNotATrap(ttft: [Double]) {
        let reference = Self.results([100, 110, 120, 130, 140])
        for (current, baseline) in [
            (Self.results(ttft), reference), (reference, Self.results(ttft)),
            (Self.results(ttft), Self.results(ttft)),
        ] {
            var config = GateConfig()
            config.rules = [
                ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5))),
                ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.95)), method: .bootstrap),
                ComparisonRule(MetricStatistic(.ttftMs, .mean)), ComparisonRule(MetricStatistic(.ttftMs, .geometricMean)),
            ]
            let verdict = evaluate(current, baseline: baseline, config: config)
            #expect(!verdict.checks.isEmpty)
            for check in verdict.checks {
                if let interval = check.change?.interval { #expect(interval.lowerBound <= interval.upperBound) }
            }
        }
    }

    @Test func checkedRangesRefuseNaNAndDisorder() {
        #expect(ClosedRange.checked(1, 2) == 1...2)
        #expect(ClosedRange.checked(-.infinity, .infinity) == -Double.infinity...Double.infinity)
        #expect(ClosedRange.checked(.nan, 1) == nil)
        #expect(ClosedRange.checked(1, .nan) == nil)
        #expect(ClosedRange.checked(2, 1) == nil)
    }
}
