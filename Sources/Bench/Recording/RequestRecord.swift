import LensCore

/// What happened to one request, as measured on the monotonic clock.
///
/// Times are milliseconds measured from the *intended* send time (so that a late send under an
/// open loop shows up as latency instead of hiding it); `sendLagMs` is actual − intended, so the
/// same figures from the actual send are `value − sendLagMs`.
public struct RequestRecord: Sendable, Equatable {
    /// Intended send time, nanoseconds after the scenario started.
    public var intendedOffsetNs: Int64
    /// Actual send − intended send, in milliseconds (0 under a closed loop).
    public var sendLagMs: Float
    /// Time to the first response byte (status line), or NaN.
    public var ttfbMs: Float
    /// Time to the first content-bearing event, or NaN (non-streamed requests, failures before content).
    public var ttftMs: Float
    /// Time to the end of the response.
    public var e2eMs: Float
    /// Prompt tokens (server usage, else estimated).
    public var inputTokens: Int32
    /// Generated tokens (server usage, else the server's tokenizer on the generated text, else counted).
    public var outputTokens: Int32
    /// Content-bearing chunks received.
    public var chunks: Int32
    /// HTTP status, or 0 when no response arrived.
    public var status: Int16
    /// Why the request failed, or nil when it succeeded.
    public var error: RequestErrorClass?
    /// Whether the request belongs to the warmup (excluded from every figure).
    public var isWarmup: Bool
    /// The server's numeric request id (for matching with server logs), or −1.
    public var serverRequestID: Int64
    /// Whether `inputTokens` came from the server.
    public var inputFromServer: Bool
    /// Whether `outputTokens` came from the server's usage report.
    public var outputFromServer: Bool
    /// Whether `outputTokens` came from the server's tokenize endpoint (counted after the measured phase).
    public var outputFromTokenizer: Bool
    /// The randomized block of an interleaved A/B request (−1 for warmup and ordinary scenarios).
    public var block: Int32

    /// Creates a record.
    public init(
        intendedOffsetNs: Int64, sendLagMs: Float = 0, ttfbMs: Float = .nan, ttftMs: Float = .nan, e2eMs: Float,
        inputTokens: Int32 = 0, outputTokens: Int32 = 0, chunks: Int32 = 0, status: Int16 = 200, error: RequestErrorClass? = nil,
        isWarmup: Bool = false, serverRequestID: Int64 = -1, inputFromServer: Bool = false, outputFromServer: Bool = false,
        outputFromTokenizer: Bool = false, block: Int32 = -1
    ) {
        self.intendedOffsetNs = intendedOffsetNs
        self.sendLagMs = sendLagMs
        self.ttfbMs = ttfbMs
        self.ttftMs = ttftMs
        self.e2eMs = e2eMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.chunks = chunks
        self.status = status
        self.error = error
        self.isWarmup = isWarmup
        self.serverRequestID = serverRequestID
        self.inputFromServer = inputFromServer
        self.outputFromServer = outputFromServer
        self.outputFromTokenizer = outputFromTokenizer
        self.block = block
    }

    /// Whether the request succeeded.
    public var succeeded: Bool { error == nil }

    /// Where `outputTokens` came from.
    public var outputTokenSource: TokenSource {
        outputFromServer ? .server : outputFromTokenizer ? .tokenizer : .counted
    }
}
