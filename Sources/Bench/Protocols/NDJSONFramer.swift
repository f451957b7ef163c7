/// Splits a newline-delimited JSON stream (Ollama) into lines, whatever the chunk boundaries.
///
/// Lines end in LF (a CR before it is dropped); blank lines are skipped. Bytes after the last LF
/// at the end of the stream are an unfinished line: a truncation, not a frame.
struct NDJSONFramer {
    private var partialLine: [UInt8] = []

    init() { partialLine.reserveCapacity(512) }

    /// Feeds a chunk; calls `onLine` with each complete non-blank line.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ onLine: (UnsafeBufferPointer<UInt8>) throws(JSONFieldScanner.Malformed) -> Void) throws(JSONFieldScanner.Malformed) {
        var lineStart = 0
        var index = 0
        let count = chunk.count
        while index < count {
            if chunk[index] == 0x0A {
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
        if lineStart < count { partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[lineStart..<count])) }
    }

    /// Ends the stream; returns whether an unfinished (non-blank) line remained.
    mutating func finish() -> Bool {
        defer { partialLine.removeAll() }
        return partialLine.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }

    private func emit(_ line: UnsafeBufferPointer<UInt8>, _ onLine: (UnsafeBufferPointer<UInt8>) throws(JSONFieldScanner.Malformed) -> Void) throws(JSONFieldScanner.Malformed) {
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        var blank = true
        for i in 0..<end where line[i] != 0x20 && line[i] != 0x09 { blank = false; break }
        if !blank { try onLine(UnsafeBufferPointer(rebasing: line[0..<end])) }
    }
}
