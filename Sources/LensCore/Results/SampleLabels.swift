/// A label per sample of some metrics: the randomized block of the request each sample came from
/// (`sample_blocks`, interleaved runs), or the request itself (`sample_requests`, for metrics that
/// come several per request, whose samples are not independent).
public struct SampleLabels: Sendable, Equatable {
    private var storage: [Metric: [Int]]

    /// Creates labels from a metric→labels table.
    public init(_ storage: [Metric: [Int]] = [:]) { self.storage = storage }

    /// The labels of one metric's samples.
    public subscript(metric: Metric) -> [Int]? {
        get { storage[metric] }
        set { storage[metric] = newValue }
    }

    /// Metrics with labels, in declaration order.
    public var metrics: [Metric] { storage.keys.sorted() }

    /// What the labels of a results-file field name.
    public enum Kind: String, Sendable {
        /// The randomized block of an interleaved run.
        case block
        /// The request a sample came from.
        case request
    }

    /// These labels followed by `other`'s, shifted past this run's largest so the two runs' units
    /// stay apart (a rerun's blocks and requests are different ones); a metric keeps labels only
    /// when they cover all of its `samples`, and the result is nil when no metric does.
    func appending(_ other: SampleLabels, covering samples: MetricSamples) -> SampleLabels? {
        let offset = metrics.compactMap { self[$0]?.max() }.max().map { $0 + 1 } ?? 0
        var merged = SampleLabels()
        for metric in samples.metrics {
            let labels = (self[metric] ?? []) + (other[metric] ?? []).map { $0 + offset }
            if labels.count == samples[metric]?.count { merged[metric] = labels }
        }
        return merged.metrics.isEmpty ? nil : merged
    }
}

extension SampleLabels {
    init(json node: JSONNode, at path: FieldPath, samples: MetricSamples, kind: Kind) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, valueNode) in object.members {
            guard let metric = samples.metrics.first(where: { $0.name == key }) else {
                throw FieldError(
                    path.appending(key), at: valueNode.position,
                    "labels for '\(key)', which has no samples\(Suggestion.hint(for: key, among: samples.metrics.map(\.name)))")
            }
            if kind == .request, !metric.isClusteredByRequest {
                let clustered = Metric.builtIns.filter(\.isClusteredByRequest).map(\.name).joined(separator: ", ")
                throw FieldError(
                    path.appending(key), at: valueNode.position,
                    "\(key) has one sample per request: request labels apply only to per-chunk metrics (\(clustered))")
            }
            let labels = try valueNode.numbers(at: path.appending(key))
            guard labels.count == samples[metric]?.count ?? -1 else {
                throw FieldError(
                    path.appending(key), at: valueNode.position,
                    "\(labels.count) \(kind.rawValue) labels for \(samples[metric]?.count ?? 0) samples of \(key)")
            }
            guard labels.allSatisfy({ InputLimits.sampleLabel.contains($0) && $0 == $0.rounded() }) else {
                throw FieldError(
                    path.appending(key), at: valueNode.position,
                    "\(kind.rawValue) labels must be whole numbers from 0 to \(Int(InputLimits.sampleLabel.upper))")
            }
            self[metric] = labels.map { Int($0) }
        }
    }

    var json: JSONValue {
        .object(
            metrics.compactMap { metric in
                self[metric].map { (key: metric.name, value: JSONNode(.numbers($0.map(Double.init)))) }
            })
    }
}
