/// Neumaier's compensated summation, so sums of a million latencies keep full precision.
///
/// Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
/// Summen", ZAMM 54 (1974) 39–51.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    /// Adds one term.
    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    /// The compensated total.
    var value: Double { sum + compensation }

    /// The compensated sum of `values`.
    static func of<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var accumulator = CompensatedSum()
        for value in values { accumulator.add(value) }
        return accumulator.value
    }
}
