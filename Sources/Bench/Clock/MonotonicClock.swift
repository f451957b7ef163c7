import Glibc

/// A source of monotonic time in nanoseconds (never the wall clock: it can jump).
public protocol MonotonicClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point.
    func nanoseconds() -> Int64
}

/// `clock_gettime(CLOCK_MONOTONIC)`: the clock every runner timestamp and timer deadline uses.
///
/// The transport arms `timerfd`s on the same clock, so the runner's event loop always uses this
/// clock; fakes are for the pure parts (arrival schedules, result building).
public struct SystemMonotonicClock: MonotonicClock {
    /// Creates the system clock.
    public init() {}

    /// Nanoseconds on CLOCK_MONOTONIC.
    @inline(__always)
    public func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}

/// A source of wall-clock time, used only for the `started_at`/`finished_at` stamps of a run.
public protocol WallClock: Sendable {
    /// Seconds since the Unix epoch.
    func secondsSinceEpoch() -> Double
}

/// `clock_gettime(CLOCK_REALTIME)`.
public struct SystemWallClock: WallClock {
    /// Creates the system wall clock.
    public init() {}

    /// Seconds since the Unix epoch on CLOCK_REALTIME.
    public func secondsSinceEpoch() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
