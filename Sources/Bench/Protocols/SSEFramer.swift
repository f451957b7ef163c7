import Glibc
import LensCore

/// Splits a server-sent-event byte stream into event payloads, whatever the chunk boundaries.
///
/// Follows the WHATWG event-stream rules: lines end in LF, CRLF or CR; `data:` lines of one event
/// are joined with LF; a blank line dispatches; lines starting with `:` are comments. One
/// leniency: at the end of the stream, complete `data:` lines not yet followed by a blank line
/// are dispatched (some servers omit the final blank line).
///
/// Memory is bounded: an event (its unfinished line plus its `data:` so far) larger than
/// `maximumEventBytes` stops the framer, which sets `exceededLimit` and ignores the rest.
struct SSEFramer {
    /// The most bytes one event may hold while it is assembled.
    private(set) var maximumEventBytes: Int
    /// Set when an event grew past `maximumEventBytes`; the framer then ignores further input.
    private(set) var exceededLimit = false
    /// The bytes of a line not yet terminated in the chunks seen so far.
    private var partialLine: [UInt8] = []
    /// The `data:` values of the event being assembled, each followed by LF.
    private var data: [UInt8] = []
    /// Whether the event being assembled has at least one `data:` field.
    private var hasData = false
    /// Whether the last byte seen was CR, so that a following LF does not end a second line.
    private var lastWasCR = false
    /// Whether the current event is named `error` (Anthropic signals failures that way).
    private(set) var eventIsError = false

    init(maximumEventBytes: Int = LoadConfig.defaultMaxEventBytes) {
        self.maximumEventBytes = maximumEventBytes
        partialLine.reserveCapacity(256)
        data.reserveCapacity(512)
    }

    /// Forgets any partial event, keeping buffer capacity (and returning buffers that grew large).
    mutating func reset(maximumEventBytes: Int) {
        self.maximumEventBytes = maximumEventBytes
        exceededLimit = false
        if partialLine.capacity > Self.keptCapacity { partialLine = [] }
        if data.capacity > Self.keptCapacity { data = [] }
        partialLine.removeAll(keepingCapacity: true)
        data.removeAll(keepingCapacity: true)
        hasData = false
        lastWasCR = false
        eventIsError = false
    }

    /// Bytes held for the event being assembled (its unfinished line and its data so far); at most
    /// `maximumEventBytes`.
    var bufferedBytes: Int { partialLine.count + data.count }

    /// Buffers that grew past this many bytes (a huge event) are released on reset rather than kept for reuse.
    static let keptCapacity = 64 << 10

    /// Feeds a chunk; calls `onEvent` with each complete event's data (trailing LF removed).
    mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ onEvent: (UnsafeBufferPointer<UInt8>, Bool) throws(JSONFieldScanner.Malformed) -> Void
    ) throws(JSONFieldScanner.Malformed) {
        guard let base = chunk.baseAddress, !chunk.isEmpty, !exceededLimit else { return }
        let count = chunk.count
        var index = 0
        if lastWasCR, chunk[0] == 0x0A { index = 1 }
        lastWasCR = false
        while index < count {
            // memchr finds line ends with SIMD; a CR (rare: CR or CRLF line ends) is looked for only before the LF.
            let remaining = count - index
            let lf = memchr(base + index, 0x0A, remaining).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
            let cr = memchr(base + index, 0x0D, lf - index).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            let end = cr ?? lf
            guard end < count else {
                guard fits(partialLine.count + count - index) else { return }
                partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<count]))
                return
            }
            let segment = UnsafeBufferPointer(rebasing: chunk[index..<end])
            guard fits(partialLine.count + segment.count) else { return }
            if partialLine.isEmpty {
                try line(segment, onEvent)
            } else {
                // A line split across chunks (rare): moved out so `line` may mutate the framer.
                partialLine.append(contentsOf: segment)
                var pending: [UInt8] = []
                swap(&pending, &partialLine)
                try pending.withUnsafeBufferPointer { (buffer) throws(JSONFieldScanner.Malformed) in try line(buffer, onEvent) }
                pending.removeAll(keepingCapacity: true)
                swap(&pending, &partialLine)
            }
            if exceededLimit { return }
            index = end + 1
            if cr != nil {
                if index < count {
                    if chunk[index] == 0x0A { index += 1 }
                } else {
                    lastWasCR = true
                }
            }
        }
    }

    /// Ends the stream; dispatches an event whose blank line never came. Returns whether unterminated bytes remained.
    mutating func finish(_ onEvent: (UnsafeBufferPointer<UInt8>, Bool) throws(JSONFieldScanner.Malformed) -> Void) throws(JSONFieldScanner
        .Malformed) -> Bool
    {
        let leftover = !partialLine.isEmpty
        partialLine.removeAll(keepingCapacity: true)
        if hasData, !exceededLimit { try dispatch(onEvent) }
        return leftover
    }

    /// Whether the event being assembled stays within the cap with `lineBytes` more bytes of line;
    /// sets `exceededLimit` when it does not.
    private mutating func fits(_ lineBytes: Int) -> Bool {
        if data.count + lineBytes > maximumEventBytes { exceededLimit = true }
        return !exceededLimit
    }

    private mutating func line(
        _ line: UnsafeBufferPointer<UInt8>, _ onEvent: (UnsafeBufferPointer<UInt8>, Bool) throws(JSONFieldScanner.Malformed) -> Void
    ) throws(JSONFieldScanner.Malformed) {
        if line.isEmpty {
            if hasData { try dispatch(onEvent) }
            eventIsError = false
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        var colon = 0
        while colon < line.count, line[colon] != UInt8(ascii: ":") { colon += 1 }
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == 0x20 { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])
        if colon == 4, line[0] == UInt8(ascii: "d"), line[1] == UInt8(ascii: "a"), line[2] == UInt8(ascii: "t"),
            line[3] == UInt8(ascii: "a")
        {
            guard fits(value.count + 1) else { return }
            data.append(contentsOf: value)
            data.append(0x0A)
            hasData = true
        } else if colon == 5, line[0] == UInt8(ascii: "e"), line[1] == UInt8(ascii: "v"), line[2] == UInt8(ascii: "e"),
            line[3] == UInt8(ascii: "n"), line[4] == UInt8(ascii: "t")
        {
            eventIsError = value.count == 5 && value.elementsEqual("error".utf8)
        }
        // id: and retry: do not matter to a benchmark; unknown fields are ignored as the standard says.
    }

    private mutating func dispatch(_ onEvent: (UnsafeBufferPointer<UInt8>, Bool) throws(JSONFieldScanner.Malformed) -> Void)
        throws(JSONFieldScanner.Malformed)
    {
        // The payload is handed out in place and the buffer reset afterwards: no allocation per event.
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventIsError = false
        }
        let isError = eventIsError
        try data.withUnsafeBufferPointer { (buffer) throws(JSONFieldScanner.Malformed) in
            try onEvent(UnsafeBufferPointer(rebasing: buffer[0..<(buffer.count - 1)]), isError)
        }
    }
}
