import Glibc
import LensCore

/// A strict, allocation-free JSON validator that reports scalar fields by key path to a visitor.
///
/// Streamed LLM responses arrive as many small JSON frames; building a tree for each would cost
/// more than the rest of the runner. This scanner checks the whole frame (structure, string
/// escapes, UTF-8) and hands each scalar to the visitor with its key path, so interpreters pick
/// the few fields they need. Array indices do not appear in paths: `choices[0].delta.content`
/// is reported as `choices.delta.content`.
struct JSONFieldScanner {
    /// Why a frame is not valid JSON.
    struct Malformed: Error, Equatable {
        /// A short description.
        var reason: String
    }

    /// "1" for bytes that can appear in a JSON string as they are (printable ASCII but quote and
    /// backslash), indexed by byte; a StaticString so the table is constant data, not a lazy global.
    static let plainStringByte: StaticString =
        "0000000000000000000000000000000011011111111111111111111111111111111111111111111111111111111101111111111111111111111111111111111100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

    /// Nesting deeper than this is refused; no LLM API frame comes close.
    static let maximumDepth = 64

    /// Scans one JSON value that must fill `bytes` (surrounding whitespace allowed).
    static func scan<Visitor: JSONFieldVisitor>(_ bytes: UnsafeBufferPointer<UInt8>, into visitor: inout Visitor) throws(Malformed) {
        // The key stack lives on the stack: no allocation per frame.
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * KeyPath.capacity) { (slots) throws(Malformed) in
            guard let slotBase = slots.baseAddress else { throw Malformed(reason: "no memory for the key path") }
            var scanner = Cursor(bytes: bytes)
            var path = KeyPath(base: bytes.baseAddress, slots: slotBase)
            scanner.skipWhitespace()
            try scanner.value(path: &path, visitor: &visitor, depth: 0)
            scanner.skipWhitespace()
            guard scanner.index == bytes.count else { throw Malformed(reason: "unexpected text after the JSON value") }
        }
    }

    /// A position-tracking reader over the frame's bytes.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        @inline(__always)
        mutating func skipWhitespace() {
            // Compact frames have no whitespace between tokens: answer that case without a loop.
            if index < bytes.count, bytes[index] > 0x20 { return }
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index += 1
            }
        }

        mutating func value<Visitor: JSONFieldVisitor>(path: inout KeyPath, visitor: inout Visitor, depth: Int) throws(Malformed) {
            guard index < bytes.count else { throw Malformed(reason: "unexpected end of frame") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < JSONFieldScanner.maximumDepth else { throw Malformed(reason: "nesting too deep") }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return
                }
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed(reason: "expected a key") }
                    let key = try string()
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed(reason: "expected ':'") }
                    index += 1
                    skipWhitespace()
                    path.push(key.start, key.end)
                    try value(path: &path, visitor: &visitor, depth: depth + 1)
                    path.pop()
                    skipWhitespace()
                    guard index < bytes.count else { throw Malformed(reason: "unterminated object") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return
                    }
                    throw Malformed(reason: "expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                guard depth < JSONFieldScanner.maximumDepth else { throw Malformed(reason: "nesting too deep") }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                while true {
                    skipWhitespace()
                    try value(path: &path, visitor: &visitor, depth: depth + 1)
                    skipWhitespace()
                    guard index < bytes.count else { throw Malformed(reason: "unterminated array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return
                    }
                    throw Malformed(reason: "expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                let text = try string()
                visitor.visit(path, .string(text))
            case UInt8(ascii: "t"):
                try literal("true")
                visitor.visit(path, .bool(true))
            case UInt8(ascii: "f"):
                try literal("false")
                visitor.visit(path, .bool(false))
            case UInt8(ascii: "n"):
                try literal("null")
                visitor.visit(path, .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                visitor.visit(path, .number(try number()))
            default:
                throw Malformed(reason: "unexpected byte 0x\(String(bytes[index], radix: 16))")
            }
        }

        mutating func literal(_ word: StaticString) throws(Malformed) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw Malformed(reason: "truncated literal") }
            let expected = word.utf8Start
            for offset in 0..<count where bytes[index + offset] != expected[offset] {
                throw Malformed(reason: "invalid literal")
            }
            index += count
        }

        /// Reads a number; returns its value when it is a plain integer that fits, else its Double value.
        mutating func number() throws(Malformed) -> Double {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            var integer: Int64 = 0
            var digits = 0
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                if digits < 18 { integer = integer * 10 + Int64(bytes[index] &- UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw Malformed(reason: "invalid number") }
            var isInteger = digits <= 18
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                let fractionStart = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                guard index > fractionStart else { throw Malformed(reason: "invalid number") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                let exponentStart = index
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                guard index > exponentStart else { throw Malformed(reason: "invalid number") }
            }
            if isInteger { return bytes[start] == UInt8(ascii: "-") ? -Double(integer) : Double(integer) }
            // Rare in LLM frames (durations and counts are integers); parse the text exactly.
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text) else { throw Malformed(reason: "invalid number") }
            return value
        }

        /// Reads a string, validating escapes and UTF-8, and returns its raw extent (without quotes).
        mutating func string() throws(Malformed) -> JSONString {
            index += 1
            let start = index
            var escaped = false
            let count = bytes.count
            let table = JSONFieldScanner.plainStringByte.utf8Start
            while index < count {
                // Plain bytes (printable ASCII but quote and backslash): eight at a time with SWAR tests
                // from "Bit Twiddling Hacks" (has-zero-byte, has-less-than), then one table load a byte
                // up to the next byte that needs attention — a failed 8-byte test is not retried per byte.
                if let base = bytes.baseAddress {
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    while index + 8 <= count {
                        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                        let quote = word ^ 0x2222_2222_2222_2222
                        let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                        let special =
                            (word | ((word &- 0x2020_2020_2020_2020) & ~word)
                                | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & high
                        guard special == 0 else { break }
                        index += 8
                    }
                }
                while index < count, table[Int(bytes[index])] == UInt8(ascii: "1") { index += 1 }
                guard index < count else { break }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let result = JSONString(start: start, end: index, hasEscapes: escaped, bytes: bytes)
                    index += 1
                    return result
                }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    guard index < count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 4 < count else { throw Malformed(reason: "truncated \\u escape") }
                        for offset in 1...4 where !Self.isHexDigit(bytes[index + offset]) {
                            throw Malformed(reason: "invalid \\u escape")
                        }
                        index += 5
                    default:
                        throw Malformed(reason: "invalid escape")
                    }
                    continue
                }
                if byte < 0x20 { throw Malformed(reason: "control character in string") }
                index += try utf8SequenceLength(at: index)
            }
            throw Malformed(reason: "unterminated string")
        }

        /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
        func utf8SequenceLength(at position: Int) throws(Malformed) -> Int {
            let lead = bytes[position]
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: throw Malformed(reason: "invalid UTF-8")
            }
            guard position + length <= bytes.count else { throw Malformed(reason: "invalid UTF-8") }
            let second = bytes[position + 1]
            guard second >= lower, second <= upper else { throw Malformed(reason: "invalid UTF-8") }
            for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
                throw Malformed(reason: "invalid UTF-8")
            }
            return length
        }

        static func isHexDigit(_ byte: UInt8) -> Bool {
            (byte &- UInt8(ascii: "0") < 10) || (byte | 0x20) &- UInt8(ascii: "a") < 6
        }
    }
}

/// A string's raw extent inside the frame being scanned.
struct JSONString {
    /// Offset of the first byte after the opening quote.
    var start: Int
    /// Offset of the closing quote.
    var end: Int
    /// Whether the raw text contains backslash escapes.
    var hasEscapes: Bool
    /// The frame.
    var bytes: UnsafeBufferPointer<UInt8>

    /// True for `""`.
    var isEmpty: Bool { start == end }

    /// The raw length in bytes (an estimate of the decoded length when escapes are present).
    var rawCount: Int { end - start }

    /// Whether the raw text equals an ASCII word (no escapes).
    func equals(_ word: StaticString) -> Bool {
        guard !hasEscapes, word.utf8CodeUnitCount == end - start else { return false }
        let expected = word.utf8Start
        for offset in 0..<(end - start) where bytes[start + offset] != expected[offset] { return false }
        return true
    }

    /// The decoded text (escapes resolved); used only for rare fields such as error messages.
    var decoded: String {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var text = "\""
        text += String(decoding: raw, as: UTF8.self)
        text += "\""
        // LensCore's parser resolves escapes exactly; errors cannot happen on scanned text.
        if let node = try? JSONParser.parse(text), case .string(let value) = node.value { return value }
        return String(decoding: raw, as: UTF8.self)
    }
}

/// A scalar value seen by the scanner.
enum JSONScalar {
    case string(JSONString)
    case number(Double)
    case bool(Bool)
    case null
}

/// Receives every scalar of a frame with its key path.
protocol JSONFieldVisitor {
    /// Called once per scalar, in document order.
    mutating func visit(_ path: KeyPath, _ value: JSONScalar)
}

/// The object keys leading to a scalar (array levels omitted), kept as offsets into the frame.
///
/// Offsets live in a small buffer the scanner allocates on the stack: start of key *i* at
/// `slots[2i]`, end at `slots[2i + 1]`.
struct KeyPath {
    /// Deeper keys than this are not tracked (paths of interest are at most 4 deep).
    static let capacity = 8

    let base: UnsafePointer<UInt8>?
    private let slots: UnsafeMutablePointer<Int>
    private(set) var depth = 0

    init(base: UnsafePointer<UInt8>?, slots: UnsafeMutablePointer<Int>) {
        self.base = base
        self.slots = slots
    }

    mutating func push(_ start: Int, _ end: Int) {
        if depth < Self.capacity {
            slots[2 * depth] = start
            slots[2 * depth + 1] = end
        }
        depth += 1
    }

    mutating func pop() { depth -= 1 }

    /// Whether the path is exactly one key.
    func `is`(_ a: StaticString) -> Bool { depth == 1 && key(0, a) }

    /// Whether the path is exactly these two keys.
    func `is`(_ a: StaticString, _ b: StaticString) -> Bool { depth == 2 && key(1, b) && key(0, a) }

    /// Whether the path is exactly these three keys.
    func `is`(_ a: StaticString, _ b: StaticString, _ c: StaticString) -> Bool {
        depth == 3 && key(2, c) && key(1, b) && key(0, a)
    }

    /// Whether the key at `level` equals `word` (variadic matching would allocate per scalar).
    @inline(__always)
    func key(_ level: Int, _ word: StaticString) -> Bool {
        guard level < depth, level < Self.capacity, let base else { return false }
        let start = slots[2 * level]
        let length = slots[2 * level + 1] - start
        return length == word.utf8CodeUnitCount && memcmp(base + start, word.utf8Start, length) == 0
    }

    /// Whether the last key equals `word` (at any depth).
    func endsWith(_ word: StaticString) -> Bool { depth > 0 && key(depth - 1, word) }
}
