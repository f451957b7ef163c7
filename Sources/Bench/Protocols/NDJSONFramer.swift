import LensCore

/// Splits a newline-delimited JSON stream (Ollama) into lines, whatever the chunk boundaries.
///
/// Lines end in LF (a CR before it is dropped); blank lines are skipped. Bytes after the last LF
/// at the end of the stream are an unfinished line: a truncation, not a frame. Memory is bounded:
/// a line longer than `maximumLineBytes` stops the framer, which sets `exceededLimit` and ignores
/// the rest.
struct NDJSONFramer {
    private var partialLine: [UInt8] = []
    /// The most bytes one line may hold.
    private(set) var maximumLineBytes: Int
    /// Set when a line grew past `maximumLineBytes`; the framer then ignores further input.
    private(set) var exceededLimit = false

    /// Bytes held for the unfinished line; at most `maximumLineBytes`.
    var bufferedBytes: Int { partialLine.count }

    init(maximumLineBytes: Int = LoadConfig.defaultMaxEventBytes) {
        self.maximumLineBytes = maximumLineBytes
        partialLine.reserveCapacity(512)
    }

    /// Forgets any partial line, keeping buffer capacity (and returning a buffer that grew large).
    mutating func reset(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
        exceededLimit = false
        if partialLine.capacity > SSEFramer.keptCapacity { partialLine = [] }
        partialLine.removeAll(keepingCapacity: true)
    }

    /// Feeds a chunk; calls `onLine` with each complete non-blank line.
    mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ onLine: (UnsafeBufferPointer<UInt8>) throws(JSONFieldScanner.Malformed) -> Void
    ) throws(JSONFieldScanner.Malformed) {
        guard !exceededLimit else { return }
        var lineStart = 0
        var index = 0
        let count = chunk.count
        while index < count {
            if chunk[index] == 0x0A {
                guard fits(partialLine.count + index - lineStart) else { return }
                if partialLine.isEmpty {
                    try emit(UnsafeBufferPointer(rebasing: chunk[lineStart..<index]), onLine)
                } else {
                    partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[lineStart..<index]))
                    defer { partialLine.removeAll(keepingCapacity: true) }
                    try partialLine.withUnsafeBufferPointer { (buffer) throws(JSONFieldScanner.Malformed) in try emit(buffer, onLine) }
                }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < count {
            guard fits(partialLine.count + count - lineStart) else { return }
            partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[lineStart..<count]))
        }
    }

    /// Ends the stream; returns whether an unfinished (non-blank) line remained.
    mutating func finish() -> Bool {
        defer { partialLine.removeAll(keepingCapacity: true) }
        return partialLine.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }

    /// Whether a line of `bytes` stays within the cap; sets `exceededLimit` when it does not.
    private mutating func fits(_ bytes: Int) -> Bool {
        if bytes > maximumLineBytes { exceededLimit = true }
        return !exceededLimit
    }

    private func emit(_ line: UnsafeBufferPointer<UInt8>, _ onLine: (UnsafeBufferPointer<UInt8>) throws(JSONFieldScanner.Malformed) -> Void)
        throws(JSONFieldScanner.Malformed)
    {
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        var blank = true
        for i in 0..<end where line[i] != 0x20 && line[i] != 0x09 {
            blank = false
            break
        }
        if !blank { try onLine(UnsafeBufferPointer(rebasing: line[0..<end])) }
    }
}
