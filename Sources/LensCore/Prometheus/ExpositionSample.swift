/// One sample line of an exposition page: `name{labels} value [timestamp] [# {labels} value [timestamp]]`.
public struct ExpositionSample: Sendable, Equatable {
    /// The sample's own name, suffix included (`vllm:e2e_request_latency_seconds_bucket`).
    public var name: String
    /// The labels in the order written (names are unique within a sample).
    public var labels: [Label]
    /// The value; `NaN`, `+Inf` and `-Inf` are kept as such.
    public var value: Double
    /// The timestamp as written (milliseconds in 0.0.4, seconds in OpenMetrics), if any.
    public var timestamp: Double?
    /// The OpenMetrics exemplar attached to the sample, if any.
    public var exemplar: Exemplar?
    /// The 1-based line of the page the sample is on, for errors found later.
    public var line: Int

    /// Creates a sample.
    public init(name: String, labels: [Label] = [], value: Double, timestamp: Double? = nil, exemplar: Exemplar? = nil, line: Int = 0) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.exemplar = exemplar
        self.line = line
    }

    /// The value of a label, if the sample has it.
    public subscript(label name: String) -> String? {
        labels.first { $0.name == name }?.value
    }

    /// One label pair, its value unescaped.
    public struct Label: Sendable, Equatable, Hashable {
        /// The label name.
        public var name: String
        /// The label value (escapes `\\`, `\"` and `\n` resolved).
        public var value: String

        /// Creates a label.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An OpenMetrics exemplar: a traced observation that fell into this bucket or counter.
    public struct Exemplar: Sendable, Equatable {
        /// The exemplar's labels (typically `trace_id`).
        public var labels: [Label]
        /// The observed value.
        public var value: Double
        /// When it was observed, in seconds, if written.
        public var timestamp: Double?
    }
}
