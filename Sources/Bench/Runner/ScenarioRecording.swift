import LensCore

/// What the transport measured for one scenario, before it becomes a `ScenarioResult`.
public struct ScenarioRecording: Sendable {
    /// Why the scenario stopped.
    public enum Ending: Sendable, Equatable {
        /// Every planned request finished (or the duration ran out and in-flight requests finished).
        case finished
        /// A stop was requested (Ctrl-C): in-flight requests were abandoned and are not counted.
        case cancelled
        /// The error rate passed the abort limit.
        case aborted(errorRate: Double)
        /// libcurl refused to start a request (out of memory or descriptors) with none in flight.
        case transportFailed(String)
    }

    /// The plan that ran.
    public var plan: ScenarioPlan
    /// Every request, warmup included.
    public var log: RequestLog
    /// Monotonic time of the first measured send, or nil when none was sent.
    public var measuredStartNs: Int64?
    /// Monotonic time of the last measured completion.
    public var measuredEndNs: Int64?
    /// How it ended.
    public var ending: Ending
    /// The first message seen for each error class (credentials scrubbed).
    public var errorMessages: [RequestErrorClass: String]
    /// Requests abandoned in flight when the run stopped early.
    public var abandoned: Int
    /// The generated text of successful measured requests the server reported no output tokens for.
    public var generatedTexts = GeneratedTexts()
    /// The wall-clock time (Unix seconds) of the monotonic instant the measured offsets count from.
    public var startWallSeconds: Double?
    /// Figures from the engine's own `/metrics` over the measured phase (`engine_metrics`).
    public var engineFigures: [EngineFigure] = []

    /// The measured phase on the wall clock, when it has a start and an end.
    public var measuredWindow: MeasuredWindow? {
        guard let startWallSeconds, let start = measuredStartNs, let end = measuredEndNs else { return nil }
        return MeasuredWindow(start: startWallSeconds + Double(start) / 1e9, end: startWallSeconds + Double(end) / 1e9)
    }
}

/// A snapshot of a running scenario, reported about ten times a second.
public struct ScenarioProgress: Sendable, Equatable {
    /// Seconds since the scenario started.
    public var elapsedSeconds: Double
    /// Measured requests finished.
    public var finished: Int
    /// Measured requests failed.
    public var failed: Int
    /// Warmup requests finished.
    public var warmupFinished: Int
    /// Requests in flight.
    public var inFlight: Int
    /// Planned measured requests, when bounded by count.
    public var plannedRequests: Int?
    /// Planned measured seconds, when bounded by duration.
    public var plannedSeconds: Double?
    /// Seconds of the measured phase so far.
    public var measuredSeconds: Double

    /// Completion between 0 and 1, from whichever bound is nearer to being reached.
    public var fraction: Double {
        var fraction = 0.0
        if let plannedRequests, plannedRequests > 0 { fraction = max(fraction, Double(finished) / Double(plannedRequests)) }
        if let plannedSeconds, plannedSeconds > 0 { fraction = max(fraction, measuredSeconds / plannedSeconds) }
        return min(1, fraction)
    }
}
