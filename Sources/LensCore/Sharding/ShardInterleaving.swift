/// Joins the samples of a scenario's shards in about the order a single process would have
/// recorded them: request *i* ran on shard *i* mod N and the shards ran side by side, so taking
/// one request from each shard in turn (round robin) keeps the merged list in time order as far
/// as the files can tell (each shard's samples are in its own completion order; the files carry
/// no per-request times), and every stretch of it a mix of all shards. Order matters to readers that
/// compare the two halves of a run (`baseline update`'s drift check): shards concatenated one
/// after another would make a slow-starting shard look like drift.
///
/// A request is the unit moved: a per-chunk metric's gaps stay together (runs of one
/// `sample_requests` label). Labels are renumbered past the previous shards' (request labels by
/// the largest request label of each earlier shard plus one, block labels likewise), so that no
/// two shards share a request or a block; a metric keeps a kind of label only when every shard
/// has it for that metric.
struct ShardInterleaving {
    /// Sample values with their (renumbered) labels.
    struct Joined {
        var values: [Double] = []
        var requests: [Int]? = []
        var blocks: [Int]? = []
    }

    /// The shards' parts, in shard order.
    let parts: [ScenarioResult]
    /// Per shard, how much its request labels are shifted.
    let requestOffsets: [Int]
    /// Per shard, how much its block labels are shifted.
    let blockOffsets: [Int]

    /// Joins `parts` (one per shard, in shard order); `blockOffsets` are the shards' block shifts
    /// (shard-wide, from `offsets`, so that both sides of an interleaved pair shift alike).
    init(parts: [ScenarioResult], blockOffsets: [Int]) {
        self.parts = parts
        requestOffsets = Self.offsets(parts.map { [$0.sampleRequests] })
        self.blockOffsets = blockOffsets
    }

    /// Shifts that put each shard's labels past every earlier shard's: per shard, the labels of
    /// all the label sets it holds.
    static func offsets(_ shards: [[SampleLabels?]]) -> [Int] {
        var offsets: [Int] = []
        var next = 0
        for sets in shards {
            offsets.append(next)
            let largest = sets.compactMap { set in set.flatMap { set in set.metrics.compactMap { set[$0]?.max() }.max() } }.max() ?? -1
            next += largest + 1
        }
        return offsets
    }

    /// One metric's samples from every shard, a request at a time from each shard in turn.
    func join(_ metric: Metric) -> Joined {
        var units: [[(value: Double, request: Int?, block: Int?)]] = []
        var perShard: [[[(value: Double, request: Int?, block: Int?)]]] = []
        for (shard, part) in parts.enumerated() {
            let values = part.samples[metric] ?? []
            let requests = part.sampleRequests?[metric]
            let blocks = part.sampleBlocks?[metric]
            var shardUnits: [[(value: Double, request: Int?, block: Int?)]] = []
            for (index, value) in values.enumerated() {
                let request = requests.map { $0[index] + requestOffsets[shard] }
                let block = blocks.map { $0[index] + blockOffsets[shard] }
                let sample = (value: value, request: request, block: block)
                // A new unit unless this sample continues the previous one's request.
                if let request, let last = shardUnits.last?.last, last.request == request {
                    shardUnits[shardUnits.count - 1].append(sample)
                } else {
                    shardUnits.append([sample])
                }
            }
            perShard.append(shardUnits)
        }
        let longest = perShard.map(\.count).max() ?? 0
        for position in 0..<longest {
            for shardUnits in perShard where position < shardUnits.count { units.append(shardUnits[position]) }
        }
        let hasSamples = parts.filter { !($0.samples[metric]?.isEmpty ?? true) }
        let everyRequestLabel = hasSamples.allSatisfy { $0.sampleRequests?[metric] != nil }
        let everyBlockLabel = hasSamples.allSatisfy { $0.sampleBlocks?[metric] != nil }
        var joined = Joined()
        for sample in units.joined() {
            joined.values.append(sample.value)
            if everyRequestLabel, let request = sample.request { joined.requests?.append(request) }
            if everyBlockLabel, let block = sample.block { joined.blocks?.append(block) }
        }
        if !everyRequestLabel || joined.requests?.count != joined.values.count { joined.requests = nil }
        if !everyBlockLabel || joined.blocks?.count != joined.values.count { joined.blocks = nil }
        return joined
    }

    /// Round robin over plain value lists (engine figures, samples from the actual send).
    static func roundRobin(_ lists: [[Double]]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        let longest = lists.map(\.count).max() ?? 0
        for position in 0..<longest {
            for list in lists where position < list.count { result.append(list[position]) }
        }
        return result
    }
}
