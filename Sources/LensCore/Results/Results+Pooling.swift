extension Results {
    /// These results with the named scenarios extended by the same scenarios of `reruns`:
    /// samples concatenated, counts and totals added. Used to decide on all the data after a
    /// confirmation rerun. Scenarios absent from a rerun keep their own data.
    public func pooling(_ reruns: [Results]) -> Results {
        var pooled = self
        for (index, scenario) in scenarios.enumerated() {
            for rerun in reruns {
                guard let extra = rerun.scenario(named: scenario.name) else { continue }
                pooled.scenarios[index] = pooled.scenarios[index].pooling(extra)
            }
        }
        pooled.run.complete = reruns.reduce(run.complete) { $0 && $1.run.complete }
        for rerun in reruns {
            // A rerun of the same config declares the same metrics; keep any it adds.
            if case .success(let merged) = pooled.metrics.merged(with: rerun.metrics) { pooled.metrics = merged }
        }
        return pooled
    }
}

extension ScenarioResult {
    /// This scenario with another run of it appended.
    ///
    /// Block and request labels stay aligned with the samples: the other run's blocks and requests
    /// are numbered after this run's (they are different ones); when either run has no labels of a
    /// kind, the pooled run has none.
    public func pooling(_ other: ScenarioResult) -> ScenarioResult {
        var pooled = self
        for metric in Set(samples.metrics + other.samples.metrics) {
            let combined = (samples[metric] ?? []) + (other.samples[metric] ?? [])
            pooled.samples[metric] = combined.isEmpty ? nil : combined
        }
        pooled.sampleBlocks = nil
        if let mine = sampleBlocks, let theirs = other.sampleBlocks {
            pooled.sampleBlocks = mine.appending(theirs, covering: pooled.samples)
        }
        pooled.sampleRequests = nil
        if let mine = sampleRequests, let theirs = other.sampleRequests {
            pooled.sampleRequests = mine.appending(theirs, covering: pooled.samples)
        }
        if let mine = samplesFromActualSend, let theirs = other.samplesFromActualSend {
            var merged = mine
            for metric in Set(mine.metrics + theirs.metrics) { merged[metric] = (mine[metric] ?? []) + (theirs[metric] ?? []) }
            pooled.samplesFromActualSend = merged
        }
        if let mine = counts, let theirs = other.counts {
            var errors = mine.errors
            for (errorClass, count) in theirs.errors { errors[errorClass, default: 0] += count }
            pooled.counts = RequestCounts(
                requests: mine.requests + theirs.requests, succeeded: mine.succeeded + theirs.succeeded,
                failed: mine.failed + theirs.failed, warmup: mine.warmup + theirs.warmup, errors: errors)
        }
        if let mine = totals, let theirs = other.totals {
            func add<T: AdditiveArithmetic>(_ a: T?, _ b: T?) -> T? { a.flatMap { a in b.map { a + $0 } } }
            pooled.totals = ScenarioTotals(
                durationSeconds: add(mine.durationSeconds, theirs.durationSeconds),
                inputTokens: add(mine.inputTokens, theirs.inputTokens),
                outputTokens: add(mine.outputTokens, theirs.outputTokens),
                costUSD: add(mine.costUSD, theirs.costUSD))
        }
        // Good requests add up only when both runs judged them under the same SLO.
        pooled.goodput = nil
        if let mine = goodput, let theirs = other.goodput, mine.slo == theirs.slo, counts != nil, other.counts != nil {
            pooled.goodput = Goodput(good: mine.good + theirs.good, slo: mine.slo)
        }
        // Declared per-scenario values stay the first run's: one number per run does not pool.
        // Runs whose output tokens came from different sources pool into a mixed one.
        if let theirs = other.tokenSource, tokenSource != theirs {
            pooled.tokenSource = tokenSource == nil ? theirs : .mixed
        }
        return pooled
    }
}
