/// A misbehaviour the simulator can inject into one response.
public enum Fault: String, Sendable, Equatable, CaseIterable {
    /// HTTP 429 with `Retry-After`, in the API's error style, sent at once.
    case rateLimited = "rate_limited"
    /// HTTP 503 with `Retry-After`, in the API's error style, sent at once.
    case unavailable = "unavailable"
    /// The response head is held back for `FaultInjection.slowHeadersDelay` before anything is sent.
    case slowHeaders = "slow_headers"
    /// The connection is reset (TCP RST) after some chunks.
    case connectionReset = "connection_reset"
    /// Sending stops after some chunks; the connection stays open for `FaultInjection.stallDuration`, then closes.
    case stall = "stall"
    /// One frame (SSE data line, NDJSON line or the whole JSON body) is cut short into invalid JSON.
    case malformedFrame = "malformed_frame"
    /// One content chunk carries bytes that are not valid UTF-8.
    case invalidUTF8 = "invalid_utf8"
    /// The generation is cancelled the way a server that gives up on a request ends it: after
    /// `FaultInjection.atChunk` content chunks (default 0), the response closes cleanly without its
    /// protocol's end marker. A stream gets what a cancelling server sends (OpenAI chat: the
    /// role-only chunk if none was sent, then `[DONE]` without a `finish_reason`, as llama.cpp's
    /// server does; Anthropic: `content_block_stop` without `message_delta`/`message_stop`; Ollama:
    /// an empty `done: false` line; TGI: nothing more); a non-streamed body has no content (no
    /// choices, an empty content list, empty text).
    case cutStream = "cut_stream"

    /// The faults drawn from the request's own random stream, in draw order. `cutStream` came later
    /// and draws from a side stream, so that adding it changed no plan of an existing seed.
    static let mainStreamFaults: [Fault] = [
        .rateLimited, .unavailable, .slowHeaders, .connectionReset, .stall, .malformedFrame, .invalidUTF8,
    ]
}

/// Fault injection by probability: each fault has its own chance per request.
///
/// A request gets at most one fault. The draws are made in the order of `Fault.allCases`
/// (429, 503, slow headers, reset, stall, malformed frame, invalid UTF-8, cut stream) and the first hit wins,
/// so with several probabilities set the later faults are a little rarer than their setting.
public struct FaultInjection: Sendable, Equatable {
    /// Probability in [0, 1] of each fault.
    public let probabilities: [Fault: Double]
    /// Value of the `Retry-After` header on 429 and 503 responses (whole seconds, rounded up).
    public let retryAfter: Duration
    /// How long a stalled connection stays open before the simulator closes it.
    public let stallDuration: Duration
    /// Delay added before the response head when `slowHeaders` hits.
    public let slowHeadersDelay: Duration
    /// The chunk at which mid-stream faults strike; nil draws one per request (reset and stall
    /// strike after at least one chunk when the response has two or more; a cut stream defaults to 0).
    public let atChunk: Int?

    /// Validates and builds a fault setting; probabilities must lie in [0, 1], durations ≥ 0.
    public init(
        probabilities: [Fault: Double] = [:],
        retryAfter: Duration = .seconds(1),
        stallDuration: Duration = .seconds(30),
        slowHeadersDelay: Duration = .seconds(2),
        atChunk: Int? = nil
    ) throws(SimulatorError) {
        for (fault, p) in probabilities where !(p >= 0 && p <= 1) {
            throw .invalidParameter(
                name: "probability of \(fault.rawValue)", value: "\(p)", remedy: "use a number in [0, 1]")
        }
        for (name, d) in [("retry-after", retryAfter), ("stall duration", stallDuration), ("slow headers delay", slowHeadersDelay)]
        where d < .zero {
            throw .invalidParameter(name: name, value: "\(d)", remedy: "use a duration ≥ 0")
        }
        if let atChunk, atChunk < 0 {
            throw .invalidParameter(name: "fault chunk", value: "\(atChunk)", remedy: "use an index ≥ 0 or nil")
        }
        self.probabilities = probabilities
        self.retryAfter = retryAfter
        self.stallDuration = stallDuration
        self.slowHeadersDelay = slowHeadersDelay
        self.atChunk = atChunk
    }

    /// A setting that always injects `fault` (convenient in tests).
    public static func always(_ fault: Fault) -> FaultInjection {
        FaultInjection(unchecked: [fault: 1])
    }

    /// No faults.
    public static let none = FaultInjection(unchecked: [:])

    private init(unchecked probabilities: [Fault: Double]) {
        self.probabilities = probabilities
        self.retryAfter = .seconds(1)
        self.stallDuration = .seconds(30)
        self.slowHeadersDelay = .seconds(2)
        self.atChunk = nil
    }

    /// Draws the fault for one request; every probability consumes one draw (of `rng`, or of `side`
    /// for `cutStream`) so the rest of the request's stream does not depend on which faults are configured.
    func draw(using rng: inout SplitMix64, side: inout SplitMix64) -> Fault? {
        var chosen: Fault?
        for fault in Fault.mainStreamFaults {
            let u = rng.nextUnit()
            if chosen == nil, let p = probabilities[fault], u < p {
                chosen = fault
            }
        }
        let u = side.nextUnit()
        if chosen == nil, let p = probabilities[.cutStream], u < p { chosen = .cutStream }
        return chosen
    }

    /// Whole seconds for the `Retry-After` header.
    var retryAfterSeconds: Int64 {
        let ns = retryAfter.nanoseconds
        return (ns + 999_999_999) / 1_000_000_000
    }
}
