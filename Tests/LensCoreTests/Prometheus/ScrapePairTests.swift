import Testing

@testable import LensCore

/// Two scrapes become per-scenario figures: counter increases, histogram means and quantiles of
/// the observations gained (PromQL's linear interpolation), gauges at the end or at their peak.
@Suite struct ScrapePairTests {
    /// Known answers: 40 observations, 10 ≤ 0.1 s, 20 in (0.1, 0.5], 10 in (0.5, 1].
    @Test func histogramQuantilesInterpolateInsideTheBucket() throws {
        let delta = HistogramDelta(
            buckets: [(0.1, 10), (0.5, 30), (1, 40), (.infinity, 40)], sum: 16, count: 40)
        // Rank 20 lies halfway through the (0.1, 0.5] bucket's 20 observations.
        #expect(abs(try #require(delta.quantile(0.5)) - 0.3) < 1e-12)
        // Rank 38 is the 8th of the 10 in (0.5, 1].
        #expect(abs(try #require(delta.quantile(0.95)) - 0.9) < 1e-12)
        // Rank 4 is in the first bucket, which starts at 0.
        #expect(abs(try #require(delta.quantile(0.1)) - 0.04) < 1e-12)
        #expect(delta.mean == 0.4)
    }

    @Test func quantilesInTheInfBucketOrWithoutItAreBounded() {
        let tail = HistogramDelta(buckets: [(0.1, 1), (0.5, 2), (.infinity, 10)], sum: 50, count: 10)
        #expect(tail.quantile(0.95) == 0.5)
        let noInf = HistogramDelta(buckets: [(0.1, 1), (0.5, 2)], sum: 1, count: 2)
        #expect(noInf.quantile(0.5) == nil)
        let empty = HistogramDelta(buckets: [(0.1, 0), (.infinity, 0)], sum: 0, count: 0)
        #expect(empty.quantile(0.5) == nil)
        #expect(empty.mean == nil)
        // Non-monotonic cumulative counts (a scrape racing an observation) are made monotonic.
        let racy = HistogramDelta(buckets: [(.infinity, 4), (0.1, 5), (0.2, 3)], sum: 1, count: 4)
        #expect(racy.buckets.map(\.count) == [5, 5, 5])
    }

    @Test func vllmScenarioFigures() throws {
        let before = try ExpositionParser.parse(ExpositionPages.vllm(preemptions: 2, queueBuckets: [3, 7, 9, 10, 10], kvCache: 0.5))
        let after = try ExpositionParser.parse(
            ExpositionPages.vllm(preemptions: 5, queueBuckets: [13, 27, 39, 50, 50], waiting: 3, kvCache: 0.25))
        let figures = ScrapePair(before: before, after: after).figures()
        let byName = Dictionary(uniqueKeysWithValues: figures.map { ($0.name, $0) })
        #expect(
            byName["engine_vllm_preemptions"]
                == EngineFigure(name: "engine_vllm_preemptions", unit: .count, better: .lowerIsBetter, value: 3))
        // 40 queue observations gained: 10 ≤ 0.3, 10 in (0.3, 0.5], 10 in (0.5, 0.8], 10 in (0.8, 1]; sum 20 − 4 = 16 s.
        #expect(byName["engine_vllm_queue_time_ms_mean"]?.value == 400)
        #expect(byName["engine_vllm_queue_time_ms_mean"]?.unit == .milliseconds)
        #expect(abs(try #require(byName["engine_vllm_queue_time_ms_p50"]?.value) - 500) < 1e-9)
        #expect(abs(try #require(byName["engine_vllm_queue_time_ms_p95"]?.value) - 960) < 1e-9)
        #expect(byName["engine_vllm_requests_waiting"]?.value == 3)
        // The peak of the two scrapes.
        #expect(
            byName["engine_vllm_kv_cache_usage"]
                == EngineFigure(name: "engine_vllm_kv_cache_usage", unit: .ratio, better: .lowerIsBetter, value: 0.5))
        #expect(figures.allSatisfy { EngineFigure.isValidName($0.name) })
        // Families absent from the page give nothing (no TTFT histogram on this page).
        #expect(byName["engine_vllm_ttft_ms_mean"] == nil)
        #expect(byName["engine_sglang_retractions"] == nil)
    }

    /// Every observation 0 (no queueing): quantiles are 0, not interpolated into the lowest bucket.
    @Test func zeroDurationsGiveZeroQuantiles() throws {
        let before = try ExpositionParser.parse(ExpositionPages.vllm(queueBuckets: [0, 0, 0, 0, 0]))
        var after = try ExpositionParser.parse(ExpositionPages.vllm(queueBuckets: [6, 6, 6, 6, 6]))
        let index = try #require(after.families.firstIndex { $0.name == "vllm:request_queue_time_seconds" })
        for sample in after.families[index].samples.indices where after.families[index].samples[sample].name.hasSuffix("_sum") {
            after.families[index].samples[sample].value = 0
        }
        let figures = ScrapePair(before: before, after: after).figures().filter { $0.name.hasPrefix("engine_vllm_queue_time_ms") }
        #expect(figures.map(\.value) == [0, 0, 0])
    }

    @Test func withoutTheScrapeBeforeOnlyGaugesRemain() throws {
        let after = try ExpositionParser.parse(ExpositionPages.vllm())
        let names = ScrapePair(before: nil, after: after).figures().map(\.name)
        #expect(names == ["engine_vllm_kv_cache_usage", "engine_vllm_requests_waiting"])
    }

    /// A counter that went down restarted: its value after is its increase; a new series counts from zero.
    @Test func resetsAndNewSeries() throws {
        let before = try ExpositionParser.parse("# TYPE vllm:num_preemptions_total counter\nvllm:num_preemptions_total{engine=\"0\"} 9\n")
        let after = try ExpositionParser.parse(
            "# TYPE vllm:num_preemptions_total counter\nvllm:num_preemptions_total{engine=\"0\"} 4\nvllm:num_preemptions_total{engine=\"1\"} 2\n"
        )
        #expect(ScrapePair(before: before, after: after).figures().first?.value == 6)
    }

    @Test func ratiosOfIncreases() throws {
        let before = try ExpositionParser.parse(ExpositionPages.llamaCpp)
        let after = try ExpositionParser.parse(
            ExpositionPages.llamaCpp.replacingOccurrences("llamacpp:tokens_predicted_total 3469", "llamacpp:tokens_predicted_total 3969")
                .replacingOccurrences("llamacpp:tokens_predicted_seconds_total 35.4427", "llamacpp:tokens_predicted_seconds_total 45.4427"))
        let figures = ScrapePair(before: before, after: after).figures()
        let generation = try #require(figures.first { $0.name == "engine_llamacpp_generation_tokens_per_s" })
        #expect(abs(generation.value - 50) < 1e-9)
        #expect(generation.better == .higherIsBetter)
        // No prompt seconds gained: no prompt throughput (never a division by zero).
        #expect(!figures.contains { $0.name == "engine_llamacpp_prompt_tokens_per_s" })
    }

    /// An included `_seconds` histogram is converted to milliseconds; a gauge in seconds too.
    @Test func includedSecondsBecomeMilliseconds() throws {
        let page = { (count: Int, sum: Double) in
            """
            # TYPE tgi_batch_forward_duration_seconds histogram
            tgi_batch_forward_duration_seconds_bucket{le="0.1"} \(count)
            tgi_batch_forward_duration_seconds_bucket{le="+Inf"} \(count)
            tgi_batch_forward_duration_seconds_sum \(sum)
            tgi_batch_forward_duration_seconds_count \(count)
            # TYPE x_uptime_seconds gauge
            x_uptime_seconds 2.5

            """
        }
        let pair = ScrapePair(before: try ExpositionParser.parse(page(4, 0.2)), after: try ExpositionParser.parse(page(8, 0.4)))
        let figures = pair.figures(include: ["tgi_batch_forward_duration_seconds", "x_uptime_seconds"])
        let byName = Dictionary(uniqueKeysWithValues: figures.map { ($0.name, $0) })
        #expect(byName["engine_tgi_batch_forward_duration_ms_mean"]?.value == 50)
        #expect(byName["engine_tgi_batch_forward_duration_ms_mean"]?.unit == .milliseconds)
        #expect(byName["engine_tgi_batch_forward_duration_ms_p50"]?.value == 50)
        #expect(byName["engine_x_uptime_ms"]?.value == 2500)
    }

    @Test func includedFamiliesGetSnakeCaseNames() throws {
        let before = try ExpositionParser.parse(ExpositionPages.tgi + ExpositionPages.vllm(preemptions: 1))
        let after = try ExpositionParser.parse(
            ExpositionPages.tgi.replacingOccurrences("err=\"validation\"} 2", "err=\"validation\"} 7")
                + ExpositionPages.vllm(preemptions: 1))
        let figures = ScrapePair(before: before, after: after).figures(
            include: ["vllm:prompt_tokens_total", "vllm:num_requests_running", "vllm:num_preemptions", "no_such_family"])
        let names = figures.map(\.name)
        #expect(names.contains("engine_tgi_request_failures"))
        #expect(figures.first { $0.name == "engine_tgi_request_failures" }?.value == 5)
        #expect(figures.first { $0.name == "engine_vllm_prompt_tokens" }?.value == 0)
        #expect(figures.first { $0.name == "engine_vllm_num_requests_running" }?.value == 4)
        // A curated family named again is not doubled.
        #expect(names.filter { $0.contains("preemptions") } == ["engine_vllm_preemptions"])
        #expect(ScrapePair.snakeCase("Weird::Name--x_total") == "weird_name_x_total")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ old: String, _ new: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: old) {
            result += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
