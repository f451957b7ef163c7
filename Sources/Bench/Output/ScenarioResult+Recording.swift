import LensCore

extension ScenarioResult {
    /// The results-file entry of a recorded scenario: samples of successful measured requests,
    /// counts of all measured requests, totals over the measured phase.
    ///
    /// Latency samples are measured from the intended send time; under an open loop the TTFT and
    /// e2e samples from the actual send are given too (`samples_from_actual_send`). Empty sample
    /// lists are omitted, as the results format requires. One side of an interleaved A/B scenario
    /// carries its `interleaved` marker and the block of every sample (`sample_blocks`; an ITL gap
    /// has its request's block). Every ITL gap carries the request it came from (`sample_requests`,
    /// successful measured requests numbered from 0), so the gate can treat requests as the replicates.
    /// When the scenario has an SLO, its measured requests that meet it are counted (`goodput`),
    /// judged on the same rounded figures the samples hold.
    public init(recording: ScenarioRecording) {
        // Records hold 32-bit floats; rounding to the microsecond keeps the file free of spurious digits.
        func ms(_ value: Float) -> Double { (Double(value) * 1000).rounded() / 1000 }
        let plan = recording.plan
        let log = recording.log
        var ttft: [Double] = []
        var tpot: [Double] = []
        var e2e: [Double] = []
        var rate: [Double] = []
        var cost: [Double] = []
        var ttftActual: [Double] = []
        var e2eActual: [Double] = []
        var engineValues: [EngineMetric: [Double]] = [:]
        // Block labels, appended beside each sample when the recording is one side of an interleaved scenario.
        let blocked = plan.side != nil && log.keepsBlocks
        var ttftBlocks: [Int] = []
        var itlBlocks: [Int] = []
        var tpotBlocks: [Int] = []
        var e2eBlocks: [Int] = []
        var rateBlocks: [Int] = []
        var costBlocks: [Int] = []
        var itlRequests: [Int] = []
        var errors: [RequestErrorClass: Int] = [:]
        var requests = 0
        var succeeded = 0
        var good = 0
        var warmup = 0
        var inputTotal = 0
        var outputTotal = 0
        var sources: Set<TokenSource> = []
        var costTotal = 0.0
        e2e.reserveCapacity(log.count)
        for index in 0..<log.count {
            let record = log[index]
            if record.isWarmup {
                warmup += 1
                continue
            }
            requests += 1
            guard record.succeeded else {
                if let error = record.error { errors[error, default: 0] += 1 }
                continue
            }
            succeeded += 1
            let output = Int(record.outputTokens)
            inputTotal += Int(record.inputTokens)
            outputTotal += output
            sources.insert(record.outputTokenSource)
            let block = Int(record.block)
            itlRequests.append(contentsOf: repeatElement(succeeded - 1, count: log.gaps(of: index).count))
            e2e.append(ms(record.e2eMs))
            e2eActual.append(ms(record.e2eMs - record.sendLagMs))
            if blocked {
                e2eBlocks.append(block)
                itlBlocks.append(contentsOf: repeatElement(block, count: log.gaps(of: index).count))
            }
            let requestTTFT: Double? = record.ttftMs.isNaN ? nil : ms(record.ttftMs)
            let requestTPOT: Double? =
                requestTTFT != nil && output > 1
                ? (max(0, Double(record.e2eMs - record.ttftMs)) / Double(output - 1) * 1000).rounded() / 1000 : nil
            if let requestTTFT {
                ttft.append(requestTTFT)
                ttftActual.append(ms(record.ttftMs - record.sendLagMs))
                if blocked { ttftBlocks.append(block) }
                if let requestTPOT {
                    tpot.append(requestTPOT)
                    if blocked { tpotBlocks.append(block) }
                }
            }
            if let slo = plan.scenario.slo,
                slo.isGood(
                    RequestLatencies(
                        succeeded: true, ttftMs: requestTTFT, tpotMs: requestTPOT, e2eMs: ms(record.e2eMs), outputTokens: output))
            {
                good += 1
            }
            if output > 0, record.e2eMs > 0 {
                rate.append((Double(output) / (Double(record.e2eMs) / 1000) * 1000).rounded() / 1000)
                if blocked { rateBlocks.append(block) }
            }
            if let price = plan.price {
                let value = price.cost(inputTokens: Int(record.inputTokens), outputTokens: output)
                cost.append(value)
                costTotal += value
                if blocked { costBlocks.append(block) }
            }
            for metric in EngineMetric.allCases {
                if let value = log.engineFigure(metric, of: index) { engineValues[metric, default: []].append(ms(value)) }
            }
        }
        var samples = MetricSamples()
        func put(_ metric: Metric, _ values: [Double], into target: inout MetricSamples) {
            if !values.isEmpty { target[metric] = values }
        }
        put(.ttftMs, ttft, into: &samples)
        put(.itlMs, log.gapsMs.map(ms), into: &samples)
        put(.tpotMs, tpot, into: &samples)
        put(.e2eMs, e2e, into: &samples)
        put(.outputTokensPerSecond, rate, into: &samples)
        put(.costUSD, cost, into: &samples)
        var actual: MetricSamples?
        if plan.scenario.load.mode == .open {
            var fromActual = MetricSamples()
            put(.ttftMs, ttftActual, into: &fromActual)
            put(.e2eMs, e2eActual, into: &fromActual)
            actual = fromActual.isEmpty ? nil : fromActual
        }
        var duration: Double?
        if let start = recording.measuredStartNs, let end = recording.measuredEndNs { duration = max(0, Double(end - start) / 1e9) }
        let source: TokenSource? = sources.count > 1 ? .mixed : sources.first
        self.init(
            name: plan.scenario.name, target: plan.target.name, workload: plan.workload.name, model: plan.target.model,
            samples: samples, samplesFromActualSend: actual,
            counts: RequestCounts(requests: requests, succeeded: succeeded, failed: requests - succeeded, warmup: warmup, errors: errors),
            totals: ScenarioTotals(
                durationSeconds: duration, inputTokens: inputTotal, outputTokens: outputTotal,
                costUSD: plan.price == nil ? nil : costTotal),
            tokenSource: source,
            engineSamples: engineValues.isEmpty ? nil : EngineSamples(engineValues))
        goodput = plan.scenario.slo.map { Goodput(good: good, slo: $0) }
        if !itlRequests.isEmpty, itlRequests.count == samples[.itlMs]?.count { sampleRequests = SampleLabels([.itlMs: itlRequests]) }
        // Only shards need wall time: merging places their measured phases on one axis.
        if plan.shard != nil { measuredWindow = recording.measuredWindow }
        // Engine figures are per-scenario metrics; `Benchmark.run` declares them in the results file.
        for figure in recording.engineFigures { values[figure.metric] = figure.value }
        guard let side = plan.side else { return }
        interleaved = side
        guard blocked else { return }
        var blocks = SampleLabels()
        for (metric, labels) in [
            (Metric.ttftMs, ttftBlocks), (.itlMs, itlBlocks), (.tpotMs, tpotBlocks), (.e2eMs, e2eBlocks),
            (.outputTokensPerSecond, rateBlocks), (.costUSD, costBlocks),
        ]
        where !labels.isEmpty {
            // A label is appended beside every sample (the log pools ITL gaps of successful measured requests only).
            blocks[metric] = labels
        }
        sampleBlocks = blocks.metrics.isEmpty ? nil : blocks
    }
}
