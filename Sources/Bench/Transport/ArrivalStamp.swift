/// The arrival time the event loop assigns to data as curl's callbacks deliver it.
///
/// When epoll reports many readable sockets at once, curl's callbacks for the last of them run
/// later than for the first; stamping each with its callback time would add the processing time of
/// the sockets before it. So a socket epoll reported readable is stamped with the moment epoll
/// returned (its data was there then). Data on any other socket — curl also reads sockets whose
/// timers expired — is stamped with the clock when its callback runs, so a stamp is never earlier
/// than the data's arrival. Shared by the driver and its transfers on the loop's one thread.
final class ArrivalStamp {
    private let clock = SystemMonotonicClock()
    /// Ready time by socket descriptor for the current batch, −1 when not ready in it.
    private var readyAt: [Int64] = []
    /// Descriptors marked in the current batch, to clear at its end.
    private var marked: [Int32] = []

    /// Records that epoll reported `socket` readable at `time`.
    func markReady(_ socket: Int32, at time: Int64) {
        guard socket >= 0 else { return }
        let index = Int(socket)
        if index >= readyAt.count { readyAt += [Int64](repeating: -1, count: index + 1 - readyAt.count + 64) }
        readyAt[index] = time
        marked.append(socket)
    }

    /// Ends the batch: every socket goes back to clock stamps.
    func endBatch() {
        for socket in marked { readyAt[Int(socket)] = -1 }
        marked.removeAll(keepingCapacity: true)
    }

    /// The time to stamp data read now from `socket` (−1 when unknown).
    @inline(__always)
    func now(socket: Int32) -> Int64 {
        if socket >= 0, Int(socket) < readyAt.count, readyAt[Int(socket)] >= 0 { return readyAt[Int(socket)] }
        return clock.nanoseconds()
    }
}
