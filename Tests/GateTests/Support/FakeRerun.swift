import LensCore

/// A deterministic stand-in for the benchmark in confirmation tests: records which scenarios it
/// was asked to rerun and returns, for each, the scenario `make` builds (nil: leave it out).
final class FakeRerun {
    /// The scenarios of each call, in order.
    private(set) var calls: [[String]] = []
    private let make: (_ name: String, _ call: Int) -> [ScenarioResult]

    /// Creates a fake; `make` returns the scenarios one rerun of `name` produces (both sides of an
    /// interleaved pair, or one scenario).
    init(_ make: @escaping (_ name: String, _ call: Int) -> [ScenarioResult]) { self.make = make }

    /// One rerun of `scenarios`.
    func callAsFunction(_ scenarios: [String]) -> Results {
        calls.append(scenarios)
        let call = calls.count
        return Results(scenarios: scenarios.flatMap { make($0, call) })
    }
}
