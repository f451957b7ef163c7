import NIOConcurrencyHelpers
import NIOCore

/// State shared by every connection of one simulator: the configuration, the request counter and
/// the truth log.
final class SimulatorCore: Sendable {
    /// The configuration the simulator started with.
    let configuration: SimulatorConfiguration
    /// Where records of what was done go.
    let truth: TruthLog
    /// Largest request body read (larger bodies get 413).
    let maxBodyBytes = 16 * 1024 * 1024
    private let counter = NIOLockedValueBox<UInt64>(0)

    init(configuration: SimulatorConfiguration, truth: TruthLog) {
        self.configuration = configuration
        self.truth = truth
    }

    /// The next request id; ids start at 1 and also number each request's random stream.
    func nextRequestID() -> UInt64 {
        counter.withLockedValue { n in
            n &+= 1
            return n
        }
    }
}
