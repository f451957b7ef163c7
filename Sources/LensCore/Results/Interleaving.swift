/// Marks a scenario as one side of an interleaved A/B comparison run in one job.
///
/// `lens-gate ab` writes both sides into one results file: the candidate under the scenario's
/// own name and the baseline under `<name>@baseline`, each with this marker; the gate compares
/// each pair within the file, so the job's speed (shared by both sides) cancels.
public struct InterleavedSide: Sendable, Equatable {
    /// Which side of the comparison.
    public enum Role: String, Sendable, CaseIterable {
        /// The reference target.
        case baseline
        /// The target under test.
        case candidate
    }

    /// This scenario's side.
    public var role: Role
    /// The name both sides share (the candidate's scenario name).
    public var pair: String
    /// Requests per side in each randomized block.
    public var blockSize: Int?

    /// Creates a marker.
    public init(role: Role, pair: String, blockSize: Int? = nil) {
        self.role = role
        self.pair = pair
        self.blockSize = blockSize
    }

    /// The conventional name of the baseline side of `pair`.
    public static func baselineName(of pair: String) -> String { pair + "@baseline" }
}

/// Per-sample block labels: the randomized block of the request each sample came from.
public struct SampleBlocks: Sendable, Equatable {
    private var storage: [Metric: [Int]]

    /// Creates labels from a metric→blocks table.
    public init(_ storage: [Metric: [Int]] = [:]) { self.storage = storage }

    /// The labels of one metric's samples.
    public subscript(metric: Metric) -> [Int]? {
        get { storage[metric] }
        set { storage[metric] = newValue }
    }

    /// Metrics with labels, in declaration order.
    public var metrics: [Metric] { storage.keys.sorted() }
}

extension InterleavedSide {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        let roleNode = try object.required("role")
        let roleText = try roleNode.string(at: object.path("role"))
        guard let role = Role(rawValue: roleText) else {
            throw FieldError(object.path("role"), at: roleNode.position, "unknown role '\(roleText)' (expected baseline or candidate)")
        }
        let pair = try object.required("pair").string(at: object.path("pair"))
        var blockSize: Int?
        if let sizeNode = object.optional("block_size") {
            blockSize = try sizeNode.integer(at: object.path("block_size"), in: InputLimits.blockSize)
        }
        self.init(role: role, pair: pair, blockSize: blockSize)
    }

    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["role"] = .string(role.rawValue)
        object["pair"] = .string(pair)
        object["block_size"] = blockSize.map { .integer($0) }
        return object.value
    }
}

extension SampleBlocks {
    init(json node: JSONNode, at path: FieldPath, samples: MetricSamples) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, valueNode) in object.members {
            guard let metric = Metric(rawValue: key) else {
                throw FieldError(path.appending(key), at: valueNode.position,
                                 "unknown metric '\(key)'\(Suggestion.hint(for: key, among: Metric.allCases.map(\.rawValue)))")
            }
            let labels = try valueNode.numbers(at: path.appending(key))
            guard labels.count == samples[metric]?.count ?? -1 else {
                throw FieldError(path.appending(key), at: valueNode.position,
                                 "\(labels.count) block labels for \(samples[metric]?.count ?? 0) samples of \(key)")
            }
            guard labels.allSatisfy({ $0 >= 0 && $0 == $0.rounded() && $0 < 1e9 }) else {
                throw FieldError(path.appending(key), at: valueNode.position, "block labels must be whole numbers ≥ 0")
            }
            self[metric] = labels.map { Int($0) }
        }
    }

    var json: JSONValue {
        .object(metrics.compactMap { metric in
            self[metric].map { (key: metric.rawValue, value: JSONNode(.numbers($0.map(Double.init)))) }
        })
    }
}
