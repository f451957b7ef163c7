import NIOConcurrencyHelpers
import NIOCore

/// State shared by every connection of one simulator: the configuration, the request counter and
/// the truth log.
final class SimulatorCore: Sendable {
    /// The configuration the simulator started with.
    let configuration: SimulatorConfiguration
    /// Where records of what was done go.
    let truth: TruthLog
    /// What `GET /metrics` reports.
    let engine: EngineStats
    /// Largest request body read (larger bodies get 413).
    let maxBodyBytes = 16 * 1024 * 1024
    private let counter = NIOLockedValueBox<UInt64>(0)

    init(configuration: SimulatorConfiguration, truth: TruthLog) {
        self.configuration = configuration
        self.truth = truth
        self.engine = EngineStats(models: Array(configuration.profiles.keys))
    }

    /// The name a generation's engine figures are kept under: its model when the simulator knows
    /// it, else `default` (so unknown names a client invents cannot grow the page).
    func statsModel(for model: String) -> String {
        configuration.profiles[model] != nil ? model : "default"
    }

    /// Writes a generation's record and takes it out of the running (or waiting) requests.
    func finish(_ active: ActiveResponse, outcome: TruthRecord.Outcome, at end: NIODeadline) {
        active.recorded = true
        let record = active.record(outcome: outcome, at: end)
        truth.append(record)
        engine.finished(record, model: active.statsModel, stillWaiting: active.waiting)
        active.waiting = false
    }

    /// The next request id; ids start at 1 and also number each request's random stream.
    func nextRequestID() -> UInt64 {
        counter.withLockedValue { n in
            n &+= 1
            return n
        }
    }
}
