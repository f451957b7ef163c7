/// When a scenario stops early because its results could not be judged (exit 3).
///
/// Every failed request counts, whatever its class (an empty or abandoned reply included).
/// Independently of this policy, a scenario in which every measured request failed ends the run
/// with exit 3 however few requests it sent: it measured nothing.
public struct AbortPolicy: Sendable, Equatable, Hashable {
    /// The failed fraction of finished requests above which the run aborts.
    public var maxErrorRate: Double
    /// Finished requests needed before the error rate is judged (a few early failures are noise).
    public var minRequests: Int

    /// Creates a policy; the defaults abort when more than half of at least 10 requests failed.
    public init(maxErrorRate: Double = 0.5, minRequests: Int = 10) {
        self.maxErrorRate = maxErrorRate
        self.minRequests = minRequests
    }
}

extension AbortPolicy {
    static let keys = ["max_error_rate", "min_requests"]

    /// Reads an `abort:` mapping over `defaults`.
    init(yaml node: YAMLNode, at path: FieldPath, over defaults: AbortPolicy) throws(FieldError) {
        self = defaults
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        if let node = mapping.optional("max_error_rate") { maxErrorRate = try node.ratio(at: mapping.path("max_error_rate")) }
        if let node = mapping.optional("min_requests") {
            minRequests = try node.integer(at: mapping.path("min_requests"), in: InputLimits.minimumRequests)
        }
    }
}
