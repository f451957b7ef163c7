extension FixedWidthInteger {
    /// The integer `value` truncates to, clamped to the type's range: NaN becomes 0 and values
    /// beyond the bounds (infinities included) become the bounds, where `init(_:)` would trap.
    /// For conversions of values derived from user input or the network.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= Double(Self.max) {
            // Double(max) rounds up to a power of two for 64-bit types, so `>=` catches every overflow.
            self = .max
        } else if value <= Double(Self.min) {
            self = .min
        } else {
            self.init(value)
        }
    }
}
