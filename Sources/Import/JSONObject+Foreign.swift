import LensCore

/// Lenient reading for other tools' files, where an absent field and a `null` mean the same.
extension JSONObject {
    /// A number, or nil when the field is absent or null.
    func optionalNumber(_ key: String) throws(FieldError) -> Double? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.number(at: path(key))
    }

    /// A whole number, or nil when the field is absent or null.
    func optionalInteger(_ key: String) throws(FieldError) -> Int? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.integer(at: path(key))
    }

    /// A string, or nil when the field is absent or null.
    func optionalString(_ key: String) throws(FieldError) -> String? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.string(at: path(key))
    }

    /// An object, or nil when the field is absent or null.
    func optionalObject(_ key: String) throws(FieldError) -> JSONObject? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.object(at: path(key))
    }

    /// The elements of an array, or nil when the field is absent or null.
    func optionalElements(_ key: String) throws(FieldError) -> [JSONNode]? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.elements(at: path(key))
    }

    /// An array of numbers, or nil when the field is absent or null.
    func optionalNumbers(_ key: String) throws(FieldError) -> [Double]? {
        guard let node = optional(key), node.value != .null else { return nil }
        return try node.numbers(at: path(key))
    }
}

/// A duration in another tool's unit, converted to milliseconds.
enum ForeignUnit {
    /// Milliseconds for `value` in `unit` ("ns", "us", "ms", "s"/"sec"), or nil for an unknown unit.
    static func milliseconds(_ value: Double, unit: String) -> Double? {
        switch unit.lowercased() {
        case "ns": value / 1_000_000
        case "us", "µs": value / 1000
        case "ms": value
        case "s", "sec", "seconds": value * 1000
        default: nil
        }
    }

    /// A count written as a number: a whole number from 0 to 9×10¹⁵, else nil.
    static func count(_ value: Double) -> Int? {
        guard value >= 0, value < 9e15, value == value.rounded() else { return nil }
        return Int(value)
    }
}
