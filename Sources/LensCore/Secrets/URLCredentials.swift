/// Credentials written inside URLs: the userinfo (`http://user:PASSWORD@host`, or the whole of
/// `http://TOKEN@host`) and the values of query or fragment parameters with sensitive names
/// (`?key=…`, `&access_token=…`, `#sig=…`; see `SensitiveName`).
///
/// The redactor masks them in any text, known or not; a target's own URL credentials are also
/// registered as secrets, so that a server echoing them elsewhere is caught too.
public enum URLCredentials {
    /// The URL with its credentials replaced by `<redacted>`.
    public static func masked(_ url: String) -> String { Redactor.urlCredentialsOnly.redact(url) }

    /// The credential values a URL carries, as written and percent-decoded (to register as secrets).
    public static func values(in url: String) -> [String] {
        let bytes = Array(url.utf8)
        var values: [String] = []
        for range in ranges(in: bytes) {
            let written = String(decoding: bytes[range], as: UTF8.self)
            for value in [written, percentDecoded(written)] where !value.isEmpty && !values.contains(value) {
                values.append(value)
            }
        }
        return values
    }

    /// Where credentials stand in `bytes` (any text: URLs are found by `://` and by `?`, `&`, `#` parameters).
    static func ranges(in bytes: [UInt8]) -> [Range<Int>] {
        userinfoRanges(in: bytes) + parameterRanges(in: bytes)
    }

    /// Bytes that end a URL part inside running text (spaces, quotes, brackets, controls).
    private static func endsPart(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || "\"'<>`\\{}|".utf8.contains(byte)
    }

    /// The userinfo of every `scheme://userinfo@host`: the password when there is one, else all of it.
    private static func userinfoRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") else {
                index += 1
                continue
            }
            let start = index + 3
            var end = start
            var at: Int?
            while end < bytes.count, !endsPart(bytes[end]), !"/?#".utf8.contains(bytes[end]) {
                if bytes[end] == UInt8(ascii: "@") { at = end }
                end += 1
            }
            if let at, at > start {
                let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":"))
                let secret = colon.map { ($0 + 1)..<at } ?? start..<at
                if !secret.isEmpty { ranges.append(secret) }
            }
            index = max(end, index + 3)
        }
        return ranges
    }

    /// The values of `?name=value`, `&name=value` and `#name=value` parameters with sensitive names.
    private static func parameterRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "?") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "#") {
            var equals = index + 1
            while equals < bytes.count, !endsPart(bytes[equals]), !"=&#?".utf8.contains(bytes[equals]) { equals += 1 }
            guard equals > index + 1, equals < bytes.count, bytes[equals] == UInt8(ascii: "=") else { continue }
            let name = percentDecoded(String(decoding: bytes[(index + 1)..<equals], as: UTF8.self))
            guard SensitiveName.matches(name) else { continue }
            var end = equals + 1
            while end < bytes.count, !endsPart(bytes[end]), bytes[end] != UInt8(ascii: "&"), bytes[end] != UInt8(ascii: "#") { end += 1 }
            if end > equals + 1 { ranges.append((equals + 1)..<end) }
        }
        return ranges
    }

    /// `%XX` decoded and `+` read as a space; malformed escapes are kept as written.
    static func percentDecoded(_ text: String) -> String {
        guard let view = DecodedView(original: Array(text.utf8)).urlDecoded() else { return text }
        return String(decoding: view.bytes, as: UTF8.self)
    }
}
