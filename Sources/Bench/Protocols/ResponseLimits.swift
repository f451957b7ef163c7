import LensCore

/// The caps that bound what one response may make the client hold.
struct ResponseLimits: Sendable, Equatable {
    /// The largest streamed event (SSE event or NDJSON line), in bytes (`load.max_event_size`).
    var maxEventBytes = LoadConfig.defaultMaxEventBytes
    /// The largest response body, streamed or not, in bytes (`load.max_response_size`).
    var maxResponseBytes = LoadConfig.defaultMaxResponseBytes
    /// The most generated text kept per response for the tokenizer (`GeneratedTexts.maximumBytesPerRequest`).
    var maxKeptTextBytes = GeneratedTexts.maximumBytesPerRequest

    /// The caps of a scenario's load.
    init(load: LoadConfig) {
        maxEventBytes = load.maxEventBytes
        maxResponseBytes = load.maxResponseBytes
    }

    /// The default caps.
    init() {}
}

/// A size cap a response broke; the request fails as `response_too_large`.
enum SizeCapExceeded: Sendable, Equatable {
    /// A streamed event grew past `load.max_event_size`.
    case event(limit: Int)
    /// The body grew past `load.max_response_size`.
    case response(limit: Int)

    /// One line saying which cap, that the rest was not read, and how to raise it.
    var message: String {
        switch self {
        case .event(let limit):
            "a streamed event grew past max_event_size (\(ByteSize.describe(limit))) before it ended; the rest of the response was not read (raise load.max_event_size if the server's events are legitimately this large)"
        case .response(let limit):
            "the response grew past max_response_size (\(ByteSize.describe(limit))); the rest was not read (raise load.max_response_size if replies are legitimately this large)"
        }
    }
}
