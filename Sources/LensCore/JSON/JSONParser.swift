/// A strict RFC 8259 JSON parser that reports errors with line and column.
///
/// Foundation's JSONDecoder needed 2.4 s to decode three arrays of one million samples on the
/// reference machine and reports syntax errors without a position; this parser reads the same
/// input in a fraction of that and says where the input is broken.
public struct JSONParser {
    /// Nesting deeper than this is refused rather than risking the stack on hostile input.
    public static let maximumDepth = 512

    /// Parses a whole document; trailing non-whitespace is an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONNode in
            var scanner = Scanner(buffer)
            scanner.skipByteOrderMark()
            scanner.skipWhitespace()
            let node = try scanner.parseValue(depth: 0)
            scanner.skipWhitespace()
            if !scanner.isAtEnd { throw scanner.error("unexpected text after the JSON document") }
            return node
        }
    }

    /// Parses a document from a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8))
    }
}

/// A JSON syntax error with its position.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem was found.
    public var position: TextPosition
    /// What is wrong, in a short phrase.
    public var reason: String

    public var description: String { "\(position): \(reason)" }
}

extension JSONParser {
    /// A cursor over UTF-8 bytes.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var line = 1
        var lineStart = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var isAtEnd: Bool { index >= bytes.count }

        mutating func skipByteOrderMark() {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                case 0x20, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// The position of an offset on the current line (JSON strings cannot hold raw newlines,
        /// so every offset the parser reports lies on the line it is reading). Columns count bytes.
        func position(of offset: Int) -> TextPosition {
            TextPosition(line: line, column: max(offset, lineStart) - lineStart + 1)
        }

        func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
            JSONSyntaxError(position: position(of: offset ?? index), reason: reason)
        }

        func describeCurrent() -> String {
            guard index < bytes.count else { return "end of input" }
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16))"
        }

        mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "{"): return JSONNode(try parseObject(depth: depth + 1), at: position(of: start))
            case UInt8(ascii: "["): return JSONNode(try parseArray(depth: depth + 1), at: position(of: start))
            case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), at: position(of: start))
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return JSONNode(.bool(true), at: position(of: start))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return JSONNode(.bool(false), at: position(of: start))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return JSONNode(.null, at: position(of: start))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return JSONNode(.number(try parseNumber()), at: position(of: start))
            case UInt8(ascii: "N"), UInt8(ascii: "I"):
                throw error("\(describeCurrent()) is not valid JSON: NaN and Infinity cannot be written in JSON")
            default:
                throw error("unexpected \(describeCurrent()), expected a value")
            }
        }

        mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
            let expected = literal.utf8
            guard index + expected.count <= bytes.count,
                zip(bytes[index..<(index + expected.count)], expected).allSatisfy({ $0 == $1 })
            else {
                throw error("unexpected \(describeCurrent()), expected a value")
            }
            index += expected.count
        }

        mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            var members: [(key: String, value: JSONNode)] = []
            // A set, not a scan of `members`: the scan made an object of n keys cost n² string
            // comparisons (100,000 keys took minutes), which a hostile request body could exploit.
            var keys: Set<String> = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("unexpected \(describeCurrent()), expected a quoted key")
                }
                let keyOffset = index
                let key = try parseString()
                if !keys.insert(key).inserted {
                    throw error("duplicate key \"\(key)\"", at: keyOffset)
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error("unexpected \(describeCurrent()), expected ':' after key \"\(key)\"")
                }
                index += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth)))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                throw error("unexpected \(describeCurrent()), expected ',' or '}'")
            }
        }

        mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .numbers([])
            }
            // Fast path: arrays of numbers (samples) are read straight into [Double].
            var numbers: [Double] = []
            while index < bytes.count, isNumberStart(bytes[index]) {
                numbers.append(try parseNumber())
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .numbers(numbers)
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw error("unexpected \(describeCurrent()), expected ',' or ']'")
                }
                index += 1
                skipWhitespace()
            }
            // Mixed or non-numeric array: general path, keeping the numbers read so far.
            var elements = numbers.map { JSONNode(.number($0)) }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                throw error("unexpected \(describeCurrent()), expected ',' or ']'")
            }
        }

        func isNumberStart(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }

        /// Reads a number per the JSON grammar; exact decimal fast path, strtod-equivalent otherwise.
        mutating func parseNumber() throws(JSONSyntaxError) -> Double {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit") }
            var mantissa: UInt64 = 0
            var significantDigits = 0
            var decimalExponent = 0
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zero", at: start) }
            } else {
                while index < bytes.count, isDigit(bytes[index]) {
                    accumulate(bytes[index], into: &mantissa, digits: &significantDigits, exponent: &decimalExponent, fractional: false)
                    index += 1
                }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit after '.'") }
                while index < bytes.count, isDigit(bytes[index]) {
                    accumulate(bytes[index], into: &mantissa, digits: &significantDigits, exponent: &decimalExponent, fractional: true)
                    index += 1
                }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                var exponentNegative = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit in the exponent") }
                var exponent = 0
                while index < bytes.count, isDigit(bytes[index]) {
                    if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    index += 1
                }
                decimalExponent += exponentNegative ? -exponent : exponent
            }
            // Clinger's fast path: a mantissa below 2^53 times an exact power of ten up to 10^22
            // is correctly rounded by a single multiplication or division.
            if significantDigits <= 15, mantissa < (1 << 53), abs(decimalExponent) <= 22 {
                var value = Double(mantissa)
                if decimalExponent < 0 {
                    value /= Self.powersOfTen[-decimalExponent]
                } else {
                    value *= Self.powersOfTen[decimalExponent]
                }
                return negative ? -value : value
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                throw error("number \(text) is out of range for a 64-bit float", at: start)
            }
            return value
        }

        @inline(__always)
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        @inline(__always)
        func accumulate(_ byte: UInt8, into mantissa: inout UInt64, digits: inout Int, exponent: inout Int, fractional: Bool) {
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if digits == 0 && digit == 0 {
                // Leading zeros carry no precision.
                if fractional { exponent -= 1 }
                return
            }
            if digits < 19 {
                mantissa = mantissa * 10 + digit
                digits += 1
                if fractional { exponent -= 1 }
            } else {
                // Beyond 19 digits the fast path is off anyway; keep the exponent right for integers.
                digits += 1
                if !fractional { exponent += 1 }
            }
        }

        static let powersOfTen: [Double] = (0...22).map { power in
            var value = 1.0
            for _ in 0..<power { value *= 10 }
            return value
        }

        mutating func parseString() throws(JSONSyntaxError) -> String {
            let start = index
            index += 1
            var contentStart = index
            var scalars: [UInt8] = []
            var hasEscapes = false
            while true {
                guard index < bytes.count else { throw error("unterminated string", at: start) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte < 0x20 { throw error("control character in a string: escape it") }
                if byte == UInt8(ascii: "\\") {
                    hasEscapes = true
                    scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
                    index += 1
                    guard index < bytes.count else { throw error("unterminated string", at: start) }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append(0x22)
                    case UInt8(ascii: "\\"): scalars.append(0x5C)
                    case UInt8(ascii: "/"): scalars.append(0x2F)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try parseHex4()
                        if (0xD800...0xDBFF).contains(code) {
                            // A high surrogate must be followed by an escaped low surrogate.
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("unpaired surrogate in \\u escape")
                            }
                            index += 2
                            let low = try parseHex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        throw error("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'", at: index - 2)
                    }
                    contentStart = index
                    continue
                }
                index += 1
            }
            let raw = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
            index += 1
            let utf8: [UInt8]
            if hasEscapes {
                scalars.append(contentsOf: raw)
                utf8 = scalars
            } else {
                utf8 = Array(raw)
            }
            guard let string = String(validating: utf8, as: UTF8.self) else {
                throw error("string is not valid UTF-8", at: start)
            }
            return string
        }

        mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
