/// Holm's step-down adjustment of p-values for the family-wise error rate.
///
/// Sorted ascending, p₍ᵢ₎ becomes max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎); results return in input
/// order, are monotone in p and capped at 1. Valid under any dependence between the tests.
/// Undefined if any p-value is outside [0, 1] or NaN. Reference: S. Holm, "A simple
/// sequentially rejective multiple test procedure", Scand. J. Statist. 6 (1979) 65–70.
public func holmAdjusted(_ pValues: [Double]) throws(StatsUndefined) -> [Double] {
    try validateProbabilities(pValues)
    let m = pValues.count
    let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
    var adjusted = [Double](repeating: 0, count: m)
    var running = 0.0
    for (rank, index) in order.enumerated() {
        running = max(running, min(1, Double(m - rank) * pValues[index]))
        adjusted[index] = running
    }
    return adjusted
}

/// Benjamini–Hochberg adjusted p-values (false discovery rate), matching
/// `scipy.stats.false_discovery_control(p, method='bh')`.
///
/// Sorted ascending, p₍ᵢ₎·(m/i) followed by a running minimum from the largest down, returned in
/// input order. Controls the FDR for independent or positively dependent tests. Undefined if
/// any p-value is outside [0, 1] or NaN. Reference: Y. Benjamini and Y. Hochberg, "Controlling
/// the false discovery rate", JRSS B 57 (1995) 289–300.
public func benjaminiHochbergAdjusted(_ pValues: [Double]) throws(StatsUndefined) -> [Double] {
    try validateProbabilities(pValues)
    let m = pValues.count
    guard m > 1 else { return pValues }
    let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
    var scaled = order.enumerated().map { rank, index in pValues[index] * (Double(m) / Double(rank + 1)) }
    for position in stride(from: m - 2, through: 0, by: -1) {
        scaled[position] = min(scaled[position], scaled[position + 1])
    }
    var adjusted = [Double](repeating: 0, count: m)
    for (rank, index) in order.enumerated() { adjusted[index] = scaled[rank] }
    return adjusted
}

/// Throws unless every value is a probability.
private func validateProbabilities(_ pValues: [Double]) throws(StatsUndefined) {
    if let bad = pValues.first(where: { !($0 >= 0 && $0 <= 1) }) {
        throw StatsUndefined(.multipleTesting, .invalidProbability(bad))
    }
}
