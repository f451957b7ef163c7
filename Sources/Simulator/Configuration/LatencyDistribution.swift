import LensCore

/// A distribution of latencies in milliseconds, sampled once per request (TTFT) or per chunk gap.
///
/// Build one with the validating factories (`constant`, `normal`, `logNormal`, `empirical`); every
/// sample is finite and ≥ 0.
public struct LatencyDistribution: Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case constant(Double)
        case normal(mean: Double, standardDeviation: Double)
        case logNormal(median: Double, sigma: Double)
        case empirical([Double])
    }

    let kind: Kind

    init(kind: Kind) {
        self.kind = kind
    }

    /// Always the same latency.
    public static func constant(_ latency: Duration) throws(SimulatorError) -> LatencyDistribution {
        let ms = try Self.milliseconds(latency, name: "constant latency")
        return LatencyDistribution(kind: .constant(ms))
    }

    /// A normal distribution truncated at 0 (negative draws are redrawn, up to 16 times, then 0).
    public static func normal(
        mean: Duration, standardDeviation: Duration
    ) throws(SimulatorError) -> LatencyDistribution {
        let m = try Self.milliseconds(mean, name: "normal mean")
        let sd = try Self.milliseconds(standardDeviation, name: "normal standard deviation")
        return LatencyDistribution(kind: .normal(mean: m, standardDeviation: sd))
    }

    /// A log-normal distribution given by its median and the standard deviation `sigma` of its log.
    public static func logNormal(median: Duration, sigma: Double) throws(SimulatorError) -> LatencyDistribution {
        let med = try Self.milliseconds(median, name: "log-normal median")
        guard sigma.isFinite, sigma >= 0 else {
            throw .invalidParameter(
                name: "log-normal sigma", value: "\(sigma)", remedy: "use a finite number ≥ 0")
        }
        return LatencyDistribution(kind: .logNormal(median: med, sigma: sigma))
    }

    /// A latency written in milliseconds, as configs and flags give it: constant when `jitter` is 0,
    /// else log-normal with that sigma. The median must lie in `InputLimits.simulatedLatencyMs`
    /// and the jitter in `InputLimits.jitter` (NaN, infinities and absurd values are refused here,
    /// before any conversion to nanoseconds could trap); `name` says which latency in the error.
    public static func milliseconds(median: Double, jitter: Double, name: String) throws(SimulatorError) -> LatencyDistribution {
        guard InputLimits.simulatedLatencyMs.contains(median) else {
            throw .invalidParameter(name: name, value: "\(median)", remedy: "use milliseconds \(InputLimits.simulatedLatencyMs)")
        }
        guard InputLimits.jitter.contains(jitter) else {
            throw .invalidParameter(name: "jitter", value: "\(jitter)", remedy: "use a log-normal sigma \(InputLimits.jitter)")
        }
        return LatencyDistribution(kind: jitter > 0 ? .logNormal(median: median, sigma: jitter) : .constant(median))
    }

    /// Draws uniformly from recorded latencies in milliseconds (for example loaded from a file by the caller).
    public static func empirical(milliseconds values: [Double]) throws(SimulatorError) -> LatencyDistribution {
        guard !values.isEmpty else {
            throw .invalidParameter(
                name: "empirical latencies", value: "[]", remedy: "give at least one value")
        }
        if let bad = values.first(where: { !$0.isFinite || $0 < 0 }) {
            throw .invalidParameter(
                name: "empirical latency", value: "\(bad)", remedy: "use finite milliseconds ≥ 0")
        }
        return LatencyDistribution(kind: .empirical(values))
    }

    /// A short human-readable form, such as `lognormal(median 120ms, sigma 0.3)`.
    public var description: String {
        switch kind {
        case .constant(let ms): return "constant(\(ms)ms)"
        case .normal(let m, let sd): return "normal(mean \(m)ms, sd \(sd)ms)"
        case .logNormal(let med, let sigma): return "lognormal(median \(med)ms, sigma \(sigma))"
        case .empirical(let values): return "empirical(\(values.count) values)"
        }
    }

    /// Draws one latency in milliseconds.
    func sampleMilliseconds(using rng: inout SplitMix64) -> Double {
        switch kind {
        case .constant(let ms):
            return ms
        case .normal(let mean, let sd):
            if sd == 0 { return max(0, mean) }
            // Truncation by redrawing keeps the shape of the positive part; the cap bounds the work
            // when the mean is far below 0.
            for _ in 0..<16 {
                let x = mean + sd * rng.nextStandardNormal()
                if x >= 0 { return x }
            }
            return 0
        case .logNormal(let median, let sigma):
            return median * libmExp(sigma * rng.nextStandardNormal())
        case .empirical(let values):
            return values[rng.nextInt(below: values.count)]
        }
    }

    private static func milliseconds(_ d: Duration, name: String) throws(SimulatorError) -> Double {
        let ms = d.milliseconds
        guard ms.isFinite, ms >= 0 else {
            throw .invalidParameter(name: name, value: "\(d)", remedy: "use a duration ≥ 0")
        }
        return ms
    }
}

extension Duration {
    /// The duration in (fractional) milliseconds.
    var milliseconds: Double {
        let c = components
        return Double(c.seconds) * 1_000 + Double(c.attoseconds) / 1e15
    }

    /// The duration in whole nanoseconds, saturating at the bounds of `Int64`.
    var nanoseconds: Int64 {
        let c = components
        let (s, o1) = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (t, o2) = s.addingReportingOverflow(c.attoseconds / 1_000_000_000)
        if o1 || o2 { return c.seconds < 0 ? .min : .max }
        return t
    }
}
