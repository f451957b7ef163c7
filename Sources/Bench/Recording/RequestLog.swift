import LensCore

/// Every request of a scenario in compact columns (about 50 bytes a request plus 4 per gap).
///
/// A million requests must fit in well under 200 MB, so records are stored column by column as
/// 32-bit values rather than as objects or dictionaries; inter-token gaps of successful measured
/// requests are pooled in one `Float` column, with each request's range kept for the CSV export.
/// A log of one side of an interleaved A/B scenario also keeps each request's block (4 bytes);
/// other logs keep no block column at all.
public struct RequestLog: Sendable {
    private(set) var intendedOffsetNs: [Int64] = []
    private(set) var sendLagMs: [Float] = []
    private(set) var ttfbMs: [Float] = []
    private(set) var ttftMs: [Float] = []
    private(set) var e2eMs: [Float] = []
    private(set) var inputTokens: [Int32] = []
    private(set) var outputTokens: [Int32] = []
    private(set) var chunks: [Int32] = []
    private(set) var status: [Int16] = []
    private(set) var serverRequestID: [Int64] = []
    /// 0 for success, else 1 + the error class's index.
    private(set) var outcome: [UInt8] = []
    /// Bit 0 warmup, bit 1 input tokens from server, bit 2 output tokens from server, bit 3 output tokens from the tokenizer.
    private(set) var flags: [UInt8] = []
    /// Pooled inter-token gaps of successful measured requests, in milliseconds.
    private(set) var gapsMs: [Float] = []
    /// End index in `gapsMs` of each request's gaps (start is the previous request's end).
    private(set) var gapEnds: [Int32] = []
    /// Engine figures per request, NaN when not reported; empty until one request reports any.
    private(set) var engine: [EngineMetric: [Float]] = [:]
    /// The block of each request (interleaved logs only; empty otherwise).
    private(set) var blocks: [Int32] = []
    /// Whether the log keeps the `blocks` column.
    public let keepsBlocks: Bool

    /// Creates an empty log with room for `capacity` requests; `blocks` adds the block column.
    public init(capacity: Int = 0, blocks: Bool = false) {
        keepsBlocks = blocks
        guard capacity > 0 else { return }
        if blocks { self.blocks.reserveCapacity(capacity) }
        intendedOffsetNs.reserveCapacity(capacity)
        sendLagMs.reserveCapacity(capacity)
        ttfbMs.reserveCapacity(capacity)
        ttftMs.reserveCapacity(capacity)
        e2eMs.reserveCapacity(capacity)
        inputTokens.reserveCapacity(capacity)
        outputTokens.reserveCapacity(capacity)
        chunks.reserveCapacity(capacity)
        status.reserveCapacity(capacity)
        serverRequestID.reserveCapacity(capacity)
        outcome.reserveCapacity(capacity)
        flags.reserveCapacity(capacity)
        gapEnds.reserveCapacity(capacity)
    }

    /// Number of requests recorded (warmup included).
    public var count: Int { e2eMs.count }

    /// Appends a request and, for successful measured requests, its inter-token gaps.
    public mutating func append(
        _ record: RequestRecord, gaps: UnsafeBufferPointer<Float> = UnsafeBufferPointer(start: nil, count: 0),
        engine figures: [EngineMetric: Double] = [:]
    ) {
        intendedOffsetNs.append(record.intendedOffsetNs)
        sendLagMs.append(record.sendLagMs)
        ttfbMs.append(record.ttfbMs)
        ttftMs.append(record.ttftMs)
        e2eMs.append(record.e2eMs)
        inputTokens.append(record.inputTokens)
        outputTokens.append(record.outputTokens)
        chunks.append(record.chunks)
        status.append(record.status)
        serverRequestID.append(record.serverRequestID)
        outcome.append(record.error.map { UInt8((RequestErrorClass.allCases.firstIndex(of: $0) ?? 0) + 1) } ?? 0)
        flags.append(
            (record.isWarmup ? 1 : 0) | (record.inputFromServer ? 2 : 0) | (record.outputFromServer ? 4 : 0)
                | (record.outputFromTokenizer ? 8 : 0))
        if record.succeeded, !record.isWarmup { gapsMs.append(contentsOf: gaps) }
        gapEnds.append(Int32(clamping: gapsMs.count))
        if keepsBlocks { blocks.append(record.block) }
        if !figures.isEmpty || !engine.isEmpty {
            for metric in EngineMetric.allCases {
                var column = engine[metric] ?? [Float](repeating: .nan, count: count - 1)
                column.append(figures[metric].map(Float.init) ?? .nan)
                engine[metric] = column
            }
        }
    }

    /// The record at `index`.
    public subscript(index: Int) -> RequestRecord {
        let flag = flags[index]
        let outcomeCode = Int(outcome[index])
        return RequestRecord(
            intendedOffsetNs: intendedOffsetNs[index], sendLagMs: sendLagMs[index], ttfbMs: ttfbMs[index], ttftMs: ttftMs[index],
            e2eMs: e2eMs[index], inputTokens: inputTokens[index], outputTokens: outputTokens[index], chunks: chunks[index],
            status: status[index], error: outcomeCode == 0 ? nil : RequestErrorClass.allCases[outcomeCode - 1],
            isWarmup: flag & 1 != 0, serverRequestID: serverRequestID[index], inputFromServer: flag & 2 != 0,
            outputFromServer: flag & 4 != 0,
            outputFromTokenizer: flag & 8 != 0, block: keepsBlocks ? blocks[index] : -1)
    }

    /// Replaces the output-token count of request `index` with the server tokenizer's count of its generated text.
    public mutating func recount(_ index: Int, outputTokens count: Int) {
        outputTokens[index] = Int32(clamping: count)
        flags[index] = (flags[index] & ~4) | 8
    }

    /// The inter-token gaps recorded for request `index` (empty for failures and warmup).
    public func gaps(of index: Int) -> ArraySlice<Float> {
        let start = index == 0 ? 0 : Int(gapEnds[index - 1])
        return gapsMs[start..<Int(gapEnds[index])]
    }

    /// The engine figure of request `index`, or nil.
    public func engineFigure(_ metric: EngineMetric, of index: Int) -> Float? {
        guard let value = engine[metric]?[index], !value.isNaN else { return nil }
        return value
    }

    /// Approximate bytes held by the log's columns (for the memory benchmark).
    public var approximateBytes: Int {
        count * (8 + 8 + 4 * 4 + 4 * 3 + 2 + 1 + 1 + 4) + gapsMs.count * 4 + engine.count * count * 4 + blocks.count * 4
    }
}
