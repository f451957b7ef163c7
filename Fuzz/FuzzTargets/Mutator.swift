import Stats

/// Byte- and token-level mutations of seed inputs, with a bias towards what breaks parsers of
/// numbers and structure: numbers replaced by extreme values, deep nesting, repeated lines and keys.
public enum Mutator {
    /// Values that sit at or beyond the edges of what a number can mean or a type can hold.
    public static let interestingNumbers: [String] = [
        "0", "-0", "1", "-1", "2", "3", "0.5", "0.9999", "0.99999", "99.999", "99.9999", "100", "1000", "1000.5",
        "10000", "100000", "1000000", "1000001", "3600000", "3600001", "604800", "86400.5", "1e6", "1e9", "1e12",
        "1e15", "9e15", "1e16", "1e18", "2e18", "1e19", "1e300", "1e308", "-1e308", "1.7976931348623157e308",
        "1e309", "-1e309", "1e-6", "1e-7", "1e-17", "1e-300", "4.9e-324", "2.2250738585072014e-308",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "4294967295", "4294967296", "2147483648", "65535", "65536",
        "nan", "NaN", ".nan", "inf", "-inf", ".inf", "-.inf", "Infinity", "1_000_000", "0x10", "1e", ".", "-", "1.",
        "00", "1e+400", "123456789012345678901234567890",
    ]

    /// Fragments that change structure when inserted anywhere.
    static let fragments: [String] = [
        "[", "]", "{", "}", "\"", ":", ",", "\n", " ", "\t", "\r\n", "- ", "&a ", "*a", "!!str ", "#", "'", "\\", "\\u0000",
        "\u{0}", "é", "\u{202E}", "data: ", "data: [DONE]\n\n", "\n\n", ": comment\n", "event: error\n", "null", "true",
    ]

    /// Applies one to four random mutations to a random corpus entry (or to nothing, if the corpus is empty).
    @Sendable public static func mutate(_ corpus: [[UInt8]], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = corpus.isEmpty ? [] : corpus[Int(random.next() % UInt64(corpus.count))]
        for _ in 0..<(1 + Int(random.next() % 4)) { mutateOnce(&bytes, corpus: corpus, &random) }
        return bytes
    }

    static func below(_ bound: Int, _ random: inout SeededGenerator) -> Int {
        bound <= 0 ? 0 : Int(random.next() % UInt64(bound))
    }

    static func mutateOnce(_ bytes: inout [UInt8], corpus: [[UInt8]], _ random: inout SeededGenerator) {
        let position = below(bytes.count + 1, &random)
        switch random.next() % 12 {
        case 0, 1, 2:
            replaceNumber(&bytes, &random)
        case 3:
            if !bytes.isEmpty { bytes[below(bytes.count, &random)] ^= UInt8(1) << UInt8(random.next() % 8) }
        case 4:
            let fragment = fragments[below(fragments.count, &random)]
            bytes.insert(contentsOf: Array(fragment.utf8), at: position)
        case 5:
            if !bytes.isEmpty {
                let length = 1 + below(min(32, bytes.count - min(position, bytes.count - 1)), &random)
                let start = min(position, bytes.count - 1)
                bytes.removeSubrange(start..<min(bytes.count, start + length))
            }
        case 6:
            // Deep nesting, YAML or JSON flow style.
            let depth = [10, 63, 64, 65, 100, 513, 2_000][below(7, &random)]
            let open = random.next() % 2 == 0 ? "[" : "{\"k\":"
            let close = open == "[" ? "]" : "}"
            bytes.insert(
                contentsOf: Array((String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)).utf8),
                at: position)
        case 7:
            repeatLine(&bytes, &random)
        case 8:
            if let donor = corpus.isEmpty ? nil : corpus[below(corpus.count, &random)], !donor.isEmpty {
                let start = below(donor.count, &random)
                let end = min(donor.count, start + 1 + below(64, &random))
                bytes.insert(contentsOf: donor[start..<end], at: position)
            }
        case 9:
            if !bytes.isEmpty {
                let start = min(position, bytes.count - 1)
                let end = min(bytes.count, start + 1 + below(16, &random))
                let copy = Array(bytes[start..<end])
                for _ in 0..<(1 + below(8, &random)) { bytes.insert(contentsOf: copy, at: start) }
            }
        case 10:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        default:
            swapLines(&bytes, &random)
        }
    }

    /// Replaces one run of number characters with an interesting number.
    public static func replaceNumber(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        func isNumberByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        var runs: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                var start = index
                while start > 0, isNumberByte(bytes[start - 1]) { start -= 1 }
                var end = index
                while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
                runs.append(start..<end)
                index = end
            } else {
                index += 1
            }
        }
        let replacement = Array(interestingNumbers[below(interestingNumbers.count, &random)].utf8)
        guard !runs.isEmpty else {
            bytes.insert(contentsOf: replacement, at: below(bytes.count + 1, &random))
            return
        }
        bytes.replaceSubrange(runs[below(runs.count, &random)], with: replacement)
    }

    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    static func repeatLine(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        var all = lines(bytes)
        guard !all.isEmpty else { return }
        let line = all[below(all.count, &random)]
        let copies = [1, 2, 50, 500][below(4, &random)]
        all.insert(contentsOf: repeatElement(line, count: copies), at: below(all.count + 1, &random))
        bytes = Array(all.joined(separator: [0x0A]))
    }

    static func swapLines(_ bytes: inout [UInt8], _ random: inout SeededGenerator) {
        var all = lines(bytes)
        guard all.count >= 2 else { return }
        all.swapAt(below(all.count, &random), below(all.count, &random))
        bytes = Array(all.joined(separator: [0x0A]))
    }
}
