#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock time for the `created` fields of responses (latencies use the monotonic clock instead).
enum WallClock {
    /// A point in Unix time.
    struct Instant: Sendable, Equatable {
        /// Whole seconds since 1970-01-01T00:00:00Z.
        let seconds: Int64
        /// Nanoseconds within the second.
        let nanoseconds: Int32

        /// RFC 3339 in UTC with nanoseconds, as Ollama prints `created_at`.
        var rfc3339: String {
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let secondOfDay = seconds - days * 86_400
            let (y, m, d) = Self.civil(fromDays: days)
            func pad(_ v: Int64, _ width: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
                + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(Int64(nanoseconds), 9))Z"
        }

        /// Howard Hinnant's `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
        private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
            let z = z0 + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
        }
    }

    /// The current wall-clock time.
    static func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }
}
