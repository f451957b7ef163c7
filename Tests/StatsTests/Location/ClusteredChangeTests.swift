import Testing

@testable import Stats

/// The cluster bootstrap: its resample statistics against numpy's on explicitly built resamples,
/// and its calibration where values come several per independent unit.
@Suite("Clustered change (cluster bootstrap)")
struct ClusteredChangeTests {
    struct Resample: Decodable {
        let weights: [Int32]
        let quantiles: [String: Double]
        let mean: Double
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let values: [Double]
        let labels: [Int]
        let clusterMeans: [Double]
        let resamples: [Resample]
        var testDescription: String { name }
    }

    @Test(arguments: try Fixtures.load("clustered_weighting", as: Case.self))
    func resampleStatisticsMatchNumpy(_ fixture: Case) throws {
        let sample = try ClusteredSample(values: fixture.values, clusters: fixture.labels)
        #expect(sample.clusterCount == fixture.clusterMeans.count)
        for (mean, expected) in zip(sample.clusterMeans, fixture.clusterMeans) {
            #expect(isClose(mean, expected, relative: 1e-12))
        }
        for resample in fixture.resamples {
            for (key, expected) in resample.quantiles {
                let probability = try #require(Double(key))
                let actual = sample.weightedQuantile(probability, weights: resample.weights).value
                #expect(isClose(actual, expected, relative: 1e-12), "q=\(key) weights=\(resample.weights)")
                // Starting the scan anywhere gives the same value (it falls back when it starts too high).
                for start in [0, sample.count / 3, sample.count / 2, sample.count - 1] {
                    let started = sample.weightedQuantile(probability, weights: resample.weights, from: sample.scanStart(at: start)).value
                    #expect(started == actual, "q=\(key) start=\(start)")
                }
            }
            #expect(isClose(sample.weightedMean(weights: resample.weights), resample.mean, relative: 1e-12))
        }
    }

    /// Two runs of the same streamed workload: a bootstrap of pooled gaps treats 600 gaps as
    /// independent and cries wolf; resampling the 30 requests holds its level.
    @Test func sameDistributionKeepsItsLevelWhenRequestsDifferInSpeed() throws {
        var factory = SampleFactory(seed: 21)
        var clusteredAlarms = 0
        var pooledAlarms = 0
        let pairs = 200
        for pair in 0..<pairs {
            let base = factory.streamedGaps(requests: 30, chunks: 20, requestSpread: 0.35)
            let now = factory.streamedGaps(requests: 30, chunks: 20, requestSpread: 0.35)
            let clustered = try clusteredChange(
                baseline: ClusteredSample(values: base.gaps, clusters: base.requests),
                current: ClusteredSample(values: now.gaps, clusters: now.requests),
                statistic: .quantile(0.5), resamples: 199, seed: UInt64(pair))
            if clustered.pValueCurrentGreater < 0.05 { clusteredAlarms += 1 }
            let pooled = try quantileChange(baseline: base.gaps, current: now.gaps, quantile: 0.5, resamples: 199, seed: UInt64(pair))
            if pooled.pValueCurrentGreater < 0.05 { pooledAlarms += 1 }
        }
        // Nominal 5% (10 of 200; binomial sd ≈ 3): the clustered test stays near it, the pooled one does not.
        #expect(clusteredAlarms <= 20, "cluster bootstrap alarms: \(clusteredAlarms) of \(pairs)")
        #expect(pooledAlarms >= 40, "pooled bootstrap alarms: \(pooledAlarms) of \(pairs)")
    }

    @Test func aThirtyPercentSlowerDecodeIsFoundWithSixtyRequests() throws {
        var factory = SampleFactory(seed: 22)
        let base = factory.streamedGaps(requests: 60, chunks: 30, requestSpread: 0.35)
        let slower = factory.streamedGaps(requests: 60, chunks: 30, requestSpread: 0.35, slowdown: 1.3)
        // p95 rests on the slowest few requests, so only the bulk is asked to be this clear.
        for statistic in [ClusteredStatistic.quantile(0.5), .mean] {
            let change = try clusteredChange(
                baseline: ClusteredSample(values: base.gaps, clusters: base.requests),
                current: ClusteredSample(values: slower.gaps, clusters: slower.requests),
                statistic: statistic, resamples: 999, seed: 3)
            #expect(change.pValueCurrentGreater < 0.01, "\(statistic)")
            #expect(change.pValueCurrentLess > 0.9, "\(statistic)")
            #expect(change.confidenceInterval.contains(change.estimate))
        }
    }

    /// With one value per cluster the cluster bootstrap is the ordinary bootstrap: the same
    /// point estimate, and an interval of about the same width.
    @Test func singletonClustersBehaveLikeTheOrdinaryBootstrap() throws {
        var factory = SampleFactory(seed: 23)
        let base = factory.lognormal(400)
        let now = factory.lognormal(400, logMean: 4.0)
        let clustered = try clusteredChange(
            baseline: ClusteredSample(values: base, clusters: Array(base.indices)),
            current: ClusteredSample(values: now, clusters: Array(now.indices)),
            statistic: .quantile(0.9), resamples: 2000, seed: 5)
        let ordinary = try quantileChange(baseline: base, current: now, quantile: 0.9, resamples: 2000, seed: 5)
        #expect(isClose(clustered.estimate, ordinary.estimate, relative: 1e-12))
        let widths = (
            clustered.confidenceInterval.upper - clustered.confidenceInterval.lower,
            ordinary.confidenceInterval.upper - ordinary.confidenceInterval.lower
        )
        #expect(abs(widths.0 / widths.1 - 1) < 0.15, "\(widths)")
    }

    @Test func sameSeedSameResultAndExtensionOnlyWhenSmall() throws {
        var factory = SampleFactory(seed: 24)
        let base = factory.streamedGaps(requests: 20, chunks: 10, requestSpread: 0.2)
        let slower = factory.streamedGaps(requests: 20, chunks: 10, requestSpread: 0.2, slowdown: 3)
        let x = try ClusteredSample(values: base.gaps, clusters: base.requests)
        let y = try ClusteredSample(values: slower.gaps, clusters: slower.requests)
        let extending = ResampleExtension(maximum: 3000, whilePValueBelow: 0.04)
        let settled = try clusteredChange(
            baseline: x, current: x, statistic: .quantile(0.95), resamples: 500, extending: extending, seed: 4)
        #expect(settled.resamples == 500)
        #expect(settled == (try clusteredChange(baseline: x, current: x, statistic: .quantile(0.95), resamples: 500, seed: 4)))
        let extended = try clusteredChange(
            baseline: x, current: y, statistic: .quantile(0.95), resamples: 500, extending: extending, seed: 4)
        #expect(extended.resamples == 3000)
        #expect(extended == (try clusteredChange(baseline: x, current: y, statistic: .quantile(0.95), resamples: 3000, seed: 4)))
        #expect(extended.pValueCurrentGreater < 1.0 / 501)
    }

    @Test func undefinedInputsThrow() throws {
        #expect(throws: StatsUndefined(.clusteredChange, .lengthMismatch(2, 1))) {
            try ClusteredSample(values: [1, 2], clusters: [0])
        }
        let one = try ClusteredSample(values: [1, 2, 3], clusters: [7, 7, 7])
        let two = try ClusteredSample(values: [1, 2, 3], clusters: [1, 2, 2])
        #expect(throws: StatsUndefined.self) { try clusteredChange(baseline: one, current: two, statistic: .mean) }
        let zero = try ClusteredSample(values: [0, 0, 0], clusters: [1, 2, 3])
        #expect(throws: StatsUndefined(.clusteredChange, .nonPositiveValue(0))) {
            try clusteredChange(baseline: zero, current: two, statistic: .quantile(0.5))
        }
        #expect(throws: StatsUndefined(.clusteredChange, .invalidProbability(1.5))) {
            try clusteredChange(baseline: two, current: two, statistic: .quantile(1.5))
        }
    }
}

/// With many clusters the normal interval from a bootstrap standard error stands in for the
/// percentile one: both agree where each is valid.
@Suite("Clustered change with many clusters")
struct ManyClustersTests {
    @Test func normalApproximationAgreesWithThePercentileBootstrap() throws {
        var factory = SampleFactory(seed: 25)
        let base = factory.streamedGaps(requests: 1500, chunks: 8, requestSpread: 0.35)
        let now = factory.streamedGaps(requests: 1500, chunks: 8, requestSpread: 0.35, slowdown: 1.04)
        let x = try ClusteredSample(values: base.gaps, clusters: base.requests)
        let y = try ClusteredSample(values: now.gaps, clusters: now.requests)
        for statistic in [ClusteredStatistic.quantile(0.5), .quantile(0.95), .mean] {
            let normal = try clusteredChange(baseline: x, current: y, statistic: statistic, resamples: 2000, seed: 6)
            let percentile = try clusteredChange(
                baseline: x, current: y, statistic: statistic, resamples: 2000, seed: 6,
                normalFrom: .max)
            #expect(normal.resamples == 200)
            #expect(percentile.resamples == 2000)
            #expect(normal.estimate == percentile.estimate)
            let (a, b) = (normal.confidenceInterval, percentile.confidenceInterval)
            #expect(abs((a.upper - a.lower) / (b.upper - b.lower) - 1) < 0.2, "\(statistic): \(a) vs \(b)")
            #expect(abs(a.lower - b.lower) < 0.25 * (b.upper - b.lower), "\(statistic): \(a) vs \(b)")
            // Both one-sided p-values on the same side of 0.5, and within a factor of the other when small.
            #expect((normal.pValueCurrentGreater < 0.5) == (percentile.pValueCurrentGreater < 0.5), "\(statistic)")
        }
    }
}
