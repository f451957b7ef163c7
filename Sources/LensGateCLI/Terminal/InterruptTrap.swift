import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into a callback (first signal) and an immediate exit (second signal).
///
/// The first Ctrl-C lets the benchmark stop cleanly and write partial results; a second one means
/// the user really wants out now.
final class InterruptTrap {
    private let sources: [any DispatchSourceSignal]

    /// Installs the trap; `onFirst` runs on a background queue.
    init(signals: [Int32] = [SIGINT, SIGTERM], onFirst: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "lens-gate.signals")
        let fired = Counter()
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if fired.increment() == 1 {
                    onFirst(number)
                } else {
                    Foundation.exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Restores the default handlers.
    func remove() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// A counter touched only on the trap's serial queue.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        func increment() -> Int {
            value += 1
            return value
        }
    }
}
