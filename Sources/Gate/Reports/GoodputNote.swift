import LensCore

/// One scenario's goodput as the summaries state it: the SLO it was measured under and how many
/// requests were good, e.g. `chat: ttft_ms ≤ 500 ms, tpot_ms ≤ 50 ms (171 of 200 requests good, 85.5%)`.
///
/// A goodput figure means nothing without its SLO, so every summary that shows goodput says it.
public struct GoodputNote: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// Its good requests and the SLO.
    public var goodput: Goodput
    /// Its counted requests (the fraction's denominator).
    public var requests: Int

    /// Creates a note.
    public init(scenario: String, goodput: Goodput, requests: Int) {
        self.scenario = scenario
        self.goodput = goodput
        self.requests = requests
    }

    /// The notes of every scenario of `results` that carries goodput, in run order.
    public static func notes(for results: Results?) -> [GoodputNote] {
        results?.scenarios.compactMap { scenario in
            guard let goodput = scenario.goodput, let counts = scenario.counts else { return nil }
            return GoodputNote(scenario: scenario.name, goodput: goodput, requests: counts.requests)
        } ?? []
    }

    /// The SLO and the count, without the scenario's name.
    public var text: String {
        // One decimal of a percent: 171 of 200 reads 85.5%.
        let share = requests > 0 ? ", " + Notation.threshold((Double(goodput.good) / Double(requests) * 1000).rounded() / 10) : ""
        return "\(goodput.slo.summary) (\(goodput.good) of \(requests) requests good\(share))"
    }
}
