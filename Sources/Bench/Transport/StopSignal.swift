import Synchronization

/// A thread-safe "stop now" flag shared between a waiting task and the runner's event-loop thread.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    private let wakeDescriptor = Atomic<Int32>(-1)

    /// Creates an unset signal.
    public init() {}

    /// Whether a stop was requested.
    public var isSet: Bool { flag.load(ordering: .acquiring) }

    /// Requests a stop and wakes the event loop if it is waiting.
    public func set() {
        flag.store(true, ordering: .releasing)
        let descriptor = wakeDescriptor.load(ordering: .acquiring)
        if descriptor >= 0 { EventPoll.signal(descriptor) }
    }

    /// Registers the descriptor that wakes the running loop (−1 when none runs).
    func attach(wakeDescriptor descriptor: Int32) {
        wakeDescriptor.store(descriptor, ordering: .releasing)
        if isSet, descriptor >= 0 { EventPoll.signal(descriptor) }
    }
}
