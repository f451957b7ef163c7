import NIOCore

/// Deterministic token text: each token is a short ASCII word with a leading space, chosen from a
/// fixed list by the request's word seed and the token's index.
///
/// The words need no JSON escaping, so chunks are written straight into the output buffer.
struct TokenText: Sendable, Equatable {
    /// The vocabulary, each entry one token.
    static let words: [String] = [
        " the", " quick", " model", " answers", " with", " short", " words", " and",
        " latency", " is", " measured", " from", " first", " byte", " to", " last",
        " tokens", " stream", " over", " a", " socket", " while", " the", " gate",
        " compares", " runs", " of", " each", " change", " in", " time", " here",
        " lens", " data", " point", " value", " test", " case", " runner", " chunk",
        " event", " line", " frame", " reply", " input", " output", " cache", " batch",
        " queue", " prompt", " user", " agent", " tool", " call", " plan", " step",
        " note", " fact", " rule", " sign", " mark", " beam", " seed", " done",
    ]

    /// The vocabulary as bytes, indexed like `words`.
    static let wordBytes: [[UInt8]] = words.map { Array($0.utf8) }

    /// Pseudo token ids and log-probabilities reported by TGI, indexed like `words`.
    static let tokenIDs: [Int] = words.indices.map { 1_000 + 37 * $0 }
    static let logprobTexts: [String] = words.indices.map { "-0.\(1 + $0 % 9)\(($0 * 7) % 10)" }

    /// Offset into the vocabulary for this request.
    let offset: Int

    /// Picks the request's offset from its random stream.
    init(seed: UInt64) {
        offset = Int(seed % UInt64(Self.words.count))
    }

    /// The vocabulary index of token `i`.
    @inline(__always)
    func wordIndex(_ i: Int) -> Int {
        // 7 is coprime with 64, so consecutive tokens walk the whole list.
        (offset &+ i &* 7) & (Self.words.count - 1)
    }

    /// Writes the text of tokens `range`, optionally with invalid UTF-8 bytes in the middle.
    func write(_ range: Range<Int>, invalidUTF8: Bool = false, into buffer: inout ByteBuffer) {
        for i in range {
            buffer.writeBytes(Self.wordBytes[wordIndex(i)])
            if invalidUTF8 && i == range.lowerBound {
                // 0xC3 followed by 0x28 is an ill-formed two-byte sequence; 0xFF never appears in UTF-8.
                buffer.writeBytes([0xC3, 0x28, 0xFF, 0xFE])
            }
        }
    }

    /// The full text of tokens `range` as a string (for tests and non-streaming bodies).
    func string(_ range: Range<Int>) -> String {
        var s = ""
        for i in range { s += Self.words[wordIndex(i)] }
        return s
    }
}
