import CLinuxEvents
import Glibc

/// Owns an epoll instance with a nanosecond timer and a wake-up descriptor, closed in `deinit`.
///
/// epoll watches the sockets curl names; the timerfd wakes the loop at a send time or curl
/// deadline with nanosecond precision (epoll_wait's own timeout is in milliseconds); the eventfd
/// lets another thread (cancellation) wake the loop.
final class EventPoll {
    /// The epoll descriptor.
    let epoll: Int32
    /// The timer descriptor (CLOCK_MONOTONIC).
    let timer: Int32
    /// The wake-up descriptor.
    let wake: Int32
    /// Events returned by the last wait.
    private(set) var events: [epoll_event]

    /// Why the event poll could not be created.
    struct Failure: Error { var reason: String }

    /// Creates the poll with room for `capacity` events per wait.
    init(capacity: Int = 1024) throws(Failure) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        timer = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        wake = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        events = [epoll_event](repeating: epoll_event(), count: capacity)
        guard epoll >= 0, timer >= 0, wake >= 0 else {
            let reason = String(cString: strerror(errno))
            if epoll >= 0 { close(epoll) }
            if timer >= 0 { close(timer) }
            if wake >= 0 { close(wake) }
            throw Failure(reason: "cannot create the event loop: \(reason)")
        }
        _ = watch(timer, readable: true, writable: false, add: true)
        _ = watch(wake, readable: true, writable: false, add: true)
    }

    deinit {
        close(epoll)
        close(timer)
        close(wake)
    }

    /// Adds or changes the interest set of a descriptor.
    @discardableResult
    func watch(_ descriptor: Int32, readable: Bool, writable: Bool, add: Bool) -> Bool {
        var event = epoll_event()
        event.events = (readable ? EPOLLIN.rawValue : 0) | (writable ? EPOLLOUT.rawValue : 0)
        event.data.fd = descriptor
        return epoll_ctl(epoll, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, descriptor, &event) == 0
    }

    /// Stops watching a descriptor (curl may already have closed it; that is fine).
    func unwatch(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, &event)
    }

    /// Arms the timer for an absolute CLOCK_MONOTONIC time, or disarms it (`nil`).
    func arm(at deadline: Int64?) {
        var spec = itimerspec()
        if let deadline {
            // A zero it_value would disarm the timer; a deadline in the past fires immediately at 1 ns.
            let clamped = max(deadline, 1)
            spec.it_value = timespec(tv_sec: Int(clamped / 1_000_000_000), tv_nsec: Int(clamped % 1_000_000_000))
        }
        _ = timerfd_settime(timer, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    }

    /// Waits for events (−1: until one comes, 0: poll); returns how many are in `events`.
    func wait(timeoutMilliseconds: Int32) -> Int {
        let count = events.withUnsafeMutableBufferPointer { buffer in
            epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        return max(0, Int(count))
    }

    /// Clears the timer's and the wake-up descriptor's counters after they fired.
    func drain(_ descriptor: Int32) {
        var value: UInt64 = 0
        _ = read(descriptor, &value, 8)
    }

    /// Wakes a waiting loop from any thread.
    static func signal(_ wakeDescriptor: Int32) {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, 8)
    }

    /// Asks the kernel not to delay this thread's timer wake-ups (default slack is 50 µs).
    static func minimiseTimerSlack() {
        _ = lens_set_timer_slack_ns(1)
    }
}
