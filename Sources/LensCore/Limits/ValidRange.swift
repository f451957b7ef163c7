/// The documented range of valid values of one numeric input (a config key, a flag, a field of a
/// results or history file), checked where the input is read so that nothing downstream meets a
/// value it cannot handle (an integer conversion that traps, an allocation that cannot succeed).
///
/// `InputLimits` holds every range; docs/configuration.md lists them for users.
public struct ValidRange<Bound: Comparable & Sendable>: Sendable, CustomStringConvertible {
    /// The smallest valid value (or, with `excludesLower`, the bound valid values lie above).
    public let lower: Bound
    /// The largest valid value.
    public let upper: Bound
    /// Whether `lower` itself is invalid (a latency must be greater than 0).
    public let excludesLower: Bool

    /// A range that includes both bounds.
    public init(_ range: ClosedRange<Bound>) {
        lower = range.lowerBound
        upper = range.upperBound
        excludesLower = false
    }

    /// A range of values greater than `lower` and at most `upper`.
    public init(above lower: Bound, through upper: Bound) {
        precondition(lower < upper, "an empty range")
        self.lower = lower
        self.upper = upper
        excludesLower = true
    }

    /// Whether `value` is valid; false for NaN, whose comparisons are all false.
    public func contains(_ value: Bound) -> Bool {
        (excludesLower ? value > lower : value >= lower) && value <= upper
    }

    /// The range in words, as error messages and the docs say it: `between 1 and 10000`,
    /// `greater than 0 and at most 3600000`.
    public var description: String {
        excludesLower
            ? "greater than \(Self.format(lower)) and at most \(Self.format(upper))"
            : "between \(Self.format(lower)) and \(Self.format(upper))"
    }

    /// The reason given when `value` is outside: `must be between 1 and 10000, found 0`.
    public func violation(_ value: Bound) -> String { "must be \(description), found \(Self.format(value))" }

    /// Whole-valued doubles without a fraction (`3600000`, not `3600000.0`).
    static func format(_ value: Bound) -> String {
        if let number = value as? Double, number.isFinite, number == number.rounded(), abs(number) < 1e16 {
            return String(Int64(number))
        }
        return "\(value)"
    }
}
