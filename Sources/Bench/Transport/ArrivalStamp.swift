/// The arrival time the event loop assigns to data it is reading in the current batch.
///
/// When epoll reports many readable sockets at once, curl's callbacks for the last of them run
/// later than the first; stamping each with its callback time would add the processing time of
/// the sockets before it. The loop stamps the whole batch with the moment epoll returned — when
/// the data was known to be there — and falls back to the clock outside a batch. Shared by the
/// driver and its transfers on the loop's one thread.
final class ArrivalStamp {
    /// The batch time in monotonic nanoseconds, or −1 outside a batch.
    var batchNs: Int64 = -1
    private let clock = SystemMonotonicClock()

    /// The time to stamp data read now.
    @inline(__always)
    func now() -> Int64 { batchNs >= 0 ? batchNs : clock.nanoseconds() }
}
