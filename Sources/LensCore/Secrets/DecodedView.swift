/// Text seen through a decoding (JSON string escapes, URL percent-encoding), each decoded byte
/// remembering which bytes of the original text it came from, so that a secret found in the
/// decoded form is hidden where it stands in the original.
struct DecodedView {
    /// The decoded bytes.
    var bytes: [UInt8]
    /// For each decoded byte, the first original byte it came from.
    var starts: [Int]
    /// For each decoded byte, one past the last original byte it came from.
    var ends: [Int]

    /// The original text, undecoded.
    init(original bytes: [UInt8]) {
        self.bytes = bytes
        starts = Array(bytes.indices)
        ends = bytes.indices.map { $0 + 1 }
    }

    private init() {
        bytes = []
        starts = []
        ends = []
    }

    /// The original bytes a decoded range came from.
    func original(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return 0..<0 }
        return starts[range.lowerBound]..<ends[range.upperBound - 1]
    }

    /// The views a redactor searches: the text, its JSON-unescaped and URL-decoded forms, and
    /// each of those decoded once more the other way (a URL inside a JSON string, or the reverse).
    static func views(of bytes: [UInt8]) -> [DecodedView] {
        let raw = DecodedView(original: bytes)
        var views = [raw]
        let json = raw.jsonUnescaped()
        let url = raw.urlDecoded()
        if let json {
            views.append(json)
            if let both = json.urlDecoded() { views.append(both) }
        }
        if let url {
            views.append(url)
            if let both = url.jsonUnescaped() { views.append(both) }
        }
        return views
    }

    /// Appends decoded bytes that came from bytes `range` of `parent`.
    private mutating func append(_ decoded: some Sequence<UInt8>, from parent: DecodedView, _ range: Range<Int>) {
        let start = parent.starts[range.lowerBound]
        let end = parent.ends[range.upperBound - 1]
        for byte in decoded {
            bytes.append(byte)
            starts.append(start)
            ends.append(end)
        }
    }

    /// JSON string escapes decoded (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` with
    /// surrogate pairs); nil when the text has no escape.
    func jsonUnescaped() -> DecodedView? {
        guard bytes.contains(UInt8(ascii: "\\")) else { return nil }
        var view = DecodedView()
        view.bytes.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                view.append(CollectionOfOne(byte), from: self, index..<(index + 1))
                index += 1
                continue
            }
            let simple: UInt8? =
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes[index + 1]
                case UInt8(ascii: "b"): 0x08
                case UInt8(ascii: "f"): 0x0C
                case UInt8(ascii: "n"): 0x0A
                case UInt8(ascii: "r"): 0x0D
                case UInt8(ascii: "t"): 0x09
                default: nil
                }
            if let simple {
                view.append(CollectionOfOne(simple), from: self, index..<(index + 2))
                index += 2
            } else if bytes[index + 1] == UInt8(ascii: "u"), let high = hex(at: index + 2, digits: 4) {
                var value = high
                var end = index + 6
                if (0xD800...0xDBFF).contains(high), end + 6 <= bytes.count, bytes[end] == UInt8(ascii: "\\"),
                    bytes[end + 1] == UInt8(ascii: "u"), let low = hex(at: end + 2, digits: 4), (0xDC00...0xDFFF).contains(low)
                {
                    value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    end += 6
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                view.append(Array(String(Character(scalar)).utf8), from: self, index..<end)
                index = end
            } else {
                view.append(CollectionOfOne(byte), from: self, index..<(index + 1))
                index += 1
            }
        }
        return view
    }

    /// Percent-encoding decoded (`%XX`, either case) and `+` read as a space; nil when the text has neither.
    func urlDecoded() -> DecodedView? {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return nil }
        var view = DecodedView()
        view.bytes.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), let value = hex(at: index + 1, digits: 2) {
                view.append(CollectionOfOne(UInt8(value)), from: self, index..<(index + 3))
                index += 3
            } else {
                view.append(CollectionOfOne(byte == UInt8(ascii: "+") ? 0x20 : byte), from: self, index..<(index + 1))
                index += 1
            }
        }
        return view
    }

    /// The value of `digits` hexadecimal digits at `index`, or nil.
    private func hex(at index: Int, digits: Int) -> UInt32? {
        guard index >= 0, index + digits <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + digits)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
