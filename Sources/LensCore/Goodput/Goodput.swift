/// A scenario's goodput as measured: how many of its requests met every limit of the SLO, and
/// the SLO itself (results files carry it as `"goodput": {"good": 95, "slo": {"ttft_ms": 500}}`).
///
/// The fraction `good / counts.requests` is the `goodput` metric and `good / totals.duration_s`
/// is `goodput_rps`; the requests are the scenario's counted requests, failures included.
public struct Goodput: Sendable, Equatable {
    /// Requests that succeeded and met every limit of `slo`.
    public var good: Int
    /// The limits the requests were judged under.
    public var slo: ServiceLevelObjective

    /// Creates a goodput record.
    public init(good: Int, slo: ServiceLevelObjective) {
        self.good = good
        self.slo = slo
    }
}
