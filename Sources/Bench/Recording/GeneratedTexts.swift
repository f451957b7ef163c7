/// The generated text of the requests whose output tokens the server did not report, kept so that
/// the server's tokenizer can count them after the measured phase.
///
/// Memory is bounded: at most `maximumBytesPerRequest` per request (a longer reply is not kept)
/// and `maximumBytes` over a scenario side; requests beyond either cap keep lens-gate's own
/// count. Texts are stored back to back, as the JSON-escaped bytes the server sent, so that
/// they go into a tokenize request body without being decoded and re-encoded.
public struct GeneratedTexts: Sendable {
    /// The most text kept for one request: 1 MiB, about 250,000 tokens of English.
    public static let maximumBytesPerRequest = 1 << 20
    /// The most text kept for one scenario side: 32 MiB.
    public static let maximumBytes = 32 << 20

    /// The texts, back to back.
    private var bytes: [UInt8] = []
    /// The log index of each kept text and where it lies in `bytes`.
    private(set) var entries: [(request: Int, range: Range<Int>)] = []
    /// Requests whose text was not kept because a cap was reached.
    public private(set) var dropped = 0
    /// The cap over all texts (`maximumBytes` unless a test lowers it).
    let capacity: Int

    /// Creates an empty store holding at most `capacity` bytes.
    init(capacity: Int = GeneratedTexts.maximumBytes) {
        self.capacity = capacity
    }

    /// Keeps the text of log entry `request`, or counts it as dropped when the store is full
    /// (`text` nil: the request's own cap was reached).
    mutating func keep(_ text: [UInt8]?, request: Int) {
        guard let text, bytes.count + text.count <= capacity else {
            dropped += 1
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: text)
        entries.append((request, start..<bytes.count))
    }

    /// Whether no text is kept.
    public var isEmpty: Bool { entries.isEmpty }

    /// The kept text of entry `position` of `entries`.
    func text(at position: Int) -> ArraySlice<UInt8> { bytes[entries[position].range] }
}
