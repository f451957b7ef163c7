/// A duration as written in a config or on a command line: a number with an optional `ms`, `s`,
/// `m` or `h` suffix (`500ms`, `0.5s`, `2m`; `_` may group digits).
struct DurationText {
    /// The number as written.
    var number: Double
    /// Seconds per unit of the suffix; nil for a plain number, which is in the key's own unit.
    var secondsPerUnit: Double?

    /// Parses lowercased text; nil when it is not a finite number with an optional suffix.
    init?(_ text: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var digits = Substring(text)
        var perUnit: Double?
        for unit in units where text.hasSuffix(unit.suffix) {
            digits = digits.dropLast(unit.suffix.count)
            perUnit = unit.seconds
            break
        }
        guard let value = Double(digits.trimmingWhitespace.filter { $0 != "_" }), value.isFinite else { return nil }
        number = value
        secondsPerUnit = perUnit
    }

    /// The duration in a unit of `secondsPerPlainUnit` seconds (1 for seconds, 0.001 for
    /// milliseconds), exact for a plain number or a suffix equal to that unit.
    func value(inUnitOf secondsPerPlainUnit: Double) -> Double {
        guard let secondsPerUnit, secondsPerUnit != secondsPerPlainUnit else { return number }
        // Scale by the larger of the two ratios' integer forms so that `0.5s` in ms is exactly 500.
        return secondsPerUnit > secondsPerPlainUnit
            ? number * (secondsPerUnit / secondsPerPlainUnit).rounded()
            : number / (secondsPerPlainUnit / secondsPerUnit).rounded()
    }
}
