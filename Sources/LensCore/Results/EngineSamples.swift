/// Per-request figures reported by the serving engine itself (e.g. Ollama's `load_duration`), not gated on.
///
/// They explain a change in the measured metrics ("prompt evaluation got slower") without being
/// contract metrics; durations are converted to milliseconds, counts are token counts.
public enum EngineMetric: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Time the engine spent loading the model for the request (Ollama `load_duration`).
    case loadDurationMs = "load_duration_ms"
    /// Time the engine spent evaluating the prompt (Ollama `prompt_eval_duration`).
    case promptEvalDurationMs = "prompt_eval_duration_ms"
    /// Time the engine spent generating (Ollama `eval_duration`).
    case evalDurationMs = "eval_duration_ms"
    /// Prompt tokens the engine evaluated (Ollama `prompt_eval_count`).
    case promptEvalCount = "prompt_eval_count"
    /// Tokens the engine generated (Ollama `eval_count`).
    case evalCount = "eval_count"

    /// Orders metrics as declared.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Engine-reported samples keyed by engine metric, one value per request that reported it.
public struct EngineSamples: Sendable, Equatable {
    private var storage: [EngineMetric: [Double]]

    /// Creates samples from a metric→values table.
    public init(_ storage: [EngineMetric: [Double]] = [:]) { self.storage = storage }

    /// The samples of one engine metric, if reported.
    public subscript(metric: EngineMetric) -> [Double]? {
        get { storage[metric] }
        set { storage[metric] = newValue }
    }

    /// The metrics that have samples, in declaration order.
    public var metrics: [EngineMetric] { storage.keys.sorted() }

    /// True when no metric has samples.
    public var isEmpty: Bool { storage.isEmpty }
}

extension EngineSamples {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        self.init()
        for (key, valueNode) in object.members {
            guard let metric = EngineMetric(rawValue: key) else {
                let hint = Suggestion.hint(for: key, among: EngineMetric.allCases.map(\.rawValue))
                throw FieldError(path.appending(key), at: valueNode.position, "unknown engine metric '\(key)'\(hint)")
            }
            let values = try valueNode.numbers(at: path.appending(key))
            if let index = values.firstIndex(where: { $0 < 0 }) {
                throw FieldError(path.appending(key).appending(index), at: valueNode.position, "negative value \(values[index])")
            }
            if let index = values.firstIndex(where: { !InputLimits.sampleValue.contains($0) }) {
                throw FieldError(
                    path.appending(key).appending(index), at: valueNode.position,
                    InputLimits.sampleValue.violation(values[index]))
            }
            self[metric] = values
        }
    }

    var json: JSONValue {
        .object(
            metrics.compactMap { metric in
                self[metric].map { (key: metric.rawValue, value: JSONNode(.numbers($0))) }
            })
    }
}
