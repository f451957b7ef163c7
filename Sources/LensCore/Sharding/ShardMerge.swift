/// Merges the results files of a sharded run (`run --shard K/N`) into one results file, as if one
/// process had run the whole load.
///
/// Refuses (an `InputError`, exit 2) a file that is not a shard, shards of different configs
/// (config fingerprints) or shard counts, a shard given twice, and — unless `allowPartial` — a
/// missing shard; a partial merge is marked `complete: false` and lists the missing shards.
/// Per scenario, samples are joined a request at a time from each shard in turn, which rebuilds
/// about the single-process order in time (`ShardInterleaving`); per-request cluster labels
/// (`sample_requests`) and A/B block labels (`sample_blocks`) are renumbered past the previous
/// shards' so that every request and block stays a unit of its own; counts, error classes, tokens
/// cost and good requests (when every shard judged the same SLO) are summed; the throughput duration is the length of the union of the shards'
/// wall-clock measured windows (`MeasuredWindow`), so skew between machines' clocks moves
/// throughputs only, never latencies.
public enum ShardMerge {
    /// One input: the file as the user named it, and its content.
    public typealias Input = (path: String, results: Results)

    /// The merged results (see the type's description for what is checked and how).
    public static func merge(_ inputs: [Input], allowPartial: Bool) throws(InputError) -> Results {
        guard let first = inputs.first else { throw InputError(file: nil, reason: "merge needs at least one shard file") }
        let (count, fingerprint) = try identity(of: first)
        var byIndex: [Int: Input] = [:]
        for input in inputs {
            let (shardCount, shardFingerprint) = try identity(of: input)
            let shard = input.results.run.shard.map(\.index) ?? 0
            guard shardFingerprint == fingerprint else {
                throw InputError(
                    file: input.path, field: FieldPath.root.appending("run").appending("config_fingerprint"),
                    reason:
                        "config fingerprint \(shardFingerprint) differs from \(fingerprint) of \(first.path): this shard ran a different config and cannot be merged with it"
                )
            }
            guard shardCount == count else {
                throw InputError(
                    file: input.path, field: FieldPath.root.appending("run").appending("shard"),
                    reason:
                        "shard \(shard + 1)/\(shardCount) belongs to a run of \(shardCount) shards, but \(first.path) to one of \(count)")
            }
            if let earlier = byIndex[shard] {
                throw InputError(
                    file: input.path, field: FieldPath.root.appending("run").appending("shard"),
                    reason: "shard \(shard + 1)/\(count) is given twice (also \(earlier.path)); pass each shard once")
            }
            byIndex[shard] = input
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }.map { $0 + 1 }
        if !missing.isEmpty, !allowPartial {
            let have = byIndex.keys.sorted().map { String($0 + 1) }.joined(separator: ", ")
            let list = missing.map(String.init).joined(separator: ", ")
            throw InputError(
                file: nil,
                reason:
                    "\(missing.count == 1 ? "shard" : "shards") \(list) of \(count) missing (given: \(have)); pass every shard file, or --allow-partial to merge an incomplete set"
            )
        }
        let shards = byIndex.keys.sorted().compactMap { byIndex[$0]?.results }
        var catalog = MetricCatalog.builtIn
        for index in byIndex.keys.sorted() {
            guard let input = byIndex[index] else { continue }
            switch catalog.merged(with: input.results.metrics) {
            case .success(let merged): catalog = merged
            case .failure(let conflict):
                throw InputError(
                    file: input.path, field: FieldPath.root.appending("metrics").appending(conflict.other.name), reason: conflict.reason)
            }
        }
        var names: [String] = []
        for results in shards {
            for scenario in results.scenarios where !names.contains(scenario.name) { names.append(scenario.name) }
        }
        // One block shift per shard for all its scenarios, so that the two sides of an interleaved
        // pair (merged as separate scenarios) keep matching block labels.
        let blockOffsets = ShardInterleaving.offsets(shards.map { $0.scenarios.map(\.sampleBlocks) })
        let scenarios = names.map { name in
            let holding = shards.indices.filter { shards[$0].scenario(named: name) != nil }
            return merge(holding.compactMap { shards[$0].scenario(named: name) }, blockOffsets: holding.map { blockOffsets[$0] })
        }
        let everyScenarioEverywhere = shards.allSatisfy { $0.scenarios.count == names.count }
        var run = RunMetadata(
            startedAt: shards.compactMap(\.run.startedAt).min(), finishedAt: shards.compactMap(\.run.finishedAt).max(),
            complete: missing.isEmpty && everyScenarioEverywhere && shards.allSatisfy(\.run.complete),
            toolVersion: shards.first?.run.toolVersion, configFingerprint: fingerprint, git: shards.first?.run.git,
            host: commonHost(shards.map(\.run.host)))
        run.shards = ShardSet(count: count, members: shards.compactMap(member), missing: missing)
        var merged = Results(run: run, scenarios: scenarios)
        merged.metrics = catalog
        return merged
    }

    /// A shard file's shard count and config fingerprint, or the error that it is not a shard file.
    private static func identity(of input: Input) throws(InputError) -> (count: Int, fingerprint: String) {
        let run = input.results.run
        if run.shards != nil {
            throw InputError(
                file: input.path, field: FieldPath.root.appending("run").appending("shards"),
                reason: "already a merged file; merge the shard files themselves")
        }
        guard let shard = run.shard else {
            throw InputError(
                file: input.path, field: FieldPath.root.appending("run"),
                reason: "not a shard file (no run.shard); write shards with 'lens-gate run --shard K/N'")
        }
        guard let fingerprint = run.configFingerprint else {
            throw InputError(
                file: input.path, field: FieldPath.root.appending("run").appending("config_fingerprint"),
                reason: "no config fingerprint: cannot tell which config this shard ran")
        }
        return (shard.count, fingerprint)
    }

    /// The metadata a merged file keeps about one shard.
    private static func member(_ results: Results) -> ShardSet.Member? {
        guard let shard = results.run.shard else { return nil }
        let counts = results.scenarios.compactMap(\.counts)
        return ShardSet.Member(
            shard: shard, host: results.run.host?.name, startedAt: results.run.startedAt, finishedAt: results.run.finishedAt,
            complete: results.run.complete, requests: counts.reduce(0) { $0 + $1.requests },
            succeeded: counts.reduce(0) { $0 + $1.succeeded }, failed: counts.reduce(0) { $0 + $1.failed })
    }

    /// The host facts every shard shares (a field that differs between shards is left out).
    private static func commonHost(_ hosts: [HostInfo?]) -> HostInfo? {
        func common<T: Equatable>(_ field: (HostInfo) -> T?) -> T? {
            let values = hosts.map { $0.flatMap(field) }
            guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
            return first
        }
        let host = HostInfo(name: common(\.name), os: common(\.os), cpuCount: common(\.cpuCount), hardwareTag: common(\.hardwareTag))
        return host == HostInfo() ? nil : host
    }

    /// One scenario from its shards' parts (non-empty, in shard order).
    static func merge(_ parts: [ScenarioResult], blockOffsets: [Int]) -> ScenarioResult {
        var merged = parts[0]
        let interleaving = ShardInterleaving(parts: parts, blockOffsets: blockOffsets)
        var samples = MetricSamples()
        var requestLabels = SampleLabels()
        var blockLabels = SampleLabels()
        for metric in Set(parts.flatMap(\.samples.metrics)).sorted() {
            let joined = interleaving.join(metric)
            samples[metric] = joined.values
            requestLabels[metric] = joined.requests
            blockLabels[metric] = joined.blocks
        }
        merged.samples = samples
        merged.sampleRequests = requestLabels.metrics.isEmpty ? nil : requestLabels
        merged.sampleBlocks = blockLabels.metrics.isEmpty ? nil : blockLabels
        if parts.contains(where: { $0.samplesFromActualSend != nil }) {
            var actual = MetricSamples()
            for metric in Set(parts.flatMap { $0.samplesFromActualSend?.metrics ?? [] }).sorted() {
                actual[metric] = ShardInterleaving.roundRobin(parts.map { $0.samplesFromActualSend?[metric] ?? [] })
            }
            merged.samplesFromActualSend = actual
        }
        if parts.contains(where: { $0.engineSamples != nil }) {
            var engine = EngineSamples()
            for metric in EngineMetric.allCases where parts.contains(where: { $0.engineSamples?[metric] != nil }) {
                engine[metric] = ShardInterleaving.roundRobin(parts.map { $0.engineSamples?[metric] ?? [] })
            }
            merged.engineSamples = engine
        }
        for part in parts.dropFirst() {
            merged.counts = sum(merged.counts, part.counts)
            merged.tokenSource = merged.tokenSource == part.tokenSource ? merged.tokenSource : .mixed
        }
        merged.totals = totals(parts)
        merged.goodput = goodput(parts)
        // A declared per-scenario value is one shard's figure, not the whole run's: it is merged
        // only when a single shard has the scenario.
        merged.values = parts.count == 1 ? parts[0].values : ScenarioValues()
        let windows = parts.compactMap(\.measuredWindow)
        if let start = windows.map(\.start).min(), let end = windows.map(\.end).max() {
            merged.measuredWindow = MeasuredWindow(start: start, end: end)
        }
        return merged
    }

    /// Summed counts (nil when either part has none: a sum of some shards would understate).
    private static func sum(_ a: RequestCounts?, _ b: RequestCounts?) -> RequestCounts? {
        guard let a, let b else { return nil }
        return RequestCounts(
            requests: a.requests + b.requests, succeeded: a.succeeded + b.succeeded, failed: a.failed + b.failed,
            warmup: a.warmup + b.warmup, errors: a.errors.merging(b.errors, uniquingKeysWith: +))
    }

    /// Summed good requests, when every part judged them under the same SLO (else nil: a sum of
    /// some shards would understate, and counts under different SLOs do not add up).
    private static func goodput(_ parts: [ScenarioResult]) -> Goodput? {
        let all = parts.compactMap(\.goodput)
        guard all.count == parts.count, let first = all.first, all.allSatisfy({ $0.slo == first.slo }) else { return nil }
        return Goodput(good: all.reduce(0) { $0 + $1.good }, slo: first.slo)
    }

    /// Summed tokens and cost; the duration of the union of the measured windows (the longest
    /// shard duration when some shard has no window, which can only understate throughput).
    private static func totals(_ parts: [ScenarioResult]) -> ScenarioTotals? {
        let all = parts.compactMap(\.totals)
        guard all.count == parts.count else { return nil }
        func total<T: AdditiveArithmetic>(_ field: (ScenarioTotals) -> T?) -> T? {
            let values = all.compactMap(field)
            return values.count == all.count ? values.reduce(.zero, +) : nil
        }
        let windows = parts.compactMap(\.measuredWindow)
        let duration =
            windows.count == parts.count
            ? MeasuredWindow.unionLength(windows) : all.compactMap(\.durationSeconds).max()
        return ScenarioTotals(
            durationSeconds: duration, inputTokens: total(\.inputTokens), outputTokens: total(\.outputTokens),
            costUSD: total(\.costUSD))
    }
}
