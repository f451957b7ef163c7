/// The one redaction point: every message made from text lens-gate did not write itself (a
/// server's error body, a model id from `/v1/models`, an in-stream error, a CI API's `message`, a
/// URL from the config) passes through `redact` before it is shown, stored or cut.
///
/// What it hides, in the whole text and before any truncation:
/// - each known secret in its raw, JSON-escaped (`\/`, `\uXXXX`, `\"`, `\\`) and URL-encoded
///   (`%XX`, `+` for space) forms, and those forms nested once (JSON inside a URL, or the reverse);
/// - any run of ≥ `partialRunLength` bytes of a secret of that length or more, wherever it
///   stands: a prefix of a key left at the end of a body cut at 512 bytes, a suffix at the start
///   of a window, or half a key a server chose to echo;
/// - credentials inside URLs, known or not: the userinfo (`http://user:PASSWORD@host`, or
///   `http://TOKEN@host`) and the values of query or fragment parameters whose names carry
///   credentials (`?key=`, `&api_key=`, `access_token=`, `sig=`, `code=`… see `SensitiveName`).
///
/// Secrets shorter than `partialRunLength` bytes are hidden wherever they appear whole, even
/// inside a longer word; below `shortestHiddenInWords` bytes (1–3) only where they stand as a word
/// of their own, since hiding every `1` of a one-character key would erase ordinary text (a key
/// that short protects nothing anyway). Each hidden run becomes one `<redacted>`.
///
/// ```swift
/// let redactor = Redactor([key])
/// redactor.redact(#"{"error":"bad key sk-\/abc…"}"#)      // {"error":"bad key <redacted>"}
/// redactor.redact(body, limit: 200)                        // hidden first, then cut with "…"
/// Redactor().redact("http://u:pw@host/v1?key=abc")        // http://u:<redacted>@host/v1?key=<redacted>
/// ```
public struct Redactor: Sendable {
    /// What replaces each hidden run.
    public static let placeholder = "<redacted>"
    /// The shortest piece of a secret that is hidden on its own (8 bytes: long enough that it
    /// practically never matches innocent text when the secret is a random key).
    public static let partialRunLength = 8
    /// Secrets shorter than this are hidden only as whole words (see the type's documentation).
    public static let shortestHiddenInWords = 4
    /// A redactor that knows no secret: it still masks credentials inside URLs.
    public static let urlCredentialsOnly = Redactor()

    /// Every `partialRunLength`-byte window of every long secret, packed in a UInt64.
    private var windows: Set<UInt64> = []
    /// Secrets shorter than `partialRunLength` bytes, matched whole.
    private var shortSecrets: Set<[UInt8]> = []

    /// A redactor for `secrets` (empty values are ignored; surrounding whitespace is not part of a secret).
    public init(_ secrets: [Secret] = []) {
        add(secrets)
    }

    /// This redactor, also hiding `secrets`.
    public func adding(_ secrets: [Secret]) -> Redactor {
        var copy = self
        copy.add(secrets)
        return copy
    }

    /// Adds secrets to hide.
    public mutating func add(_ secrets: [Secret]) {
        for secret in secrets {
            let bytes = Array(secret.revealedForTransport.trimmingWhitespace.utf8)
            guard !bytes.isEmpty else { continue }
            if bytes.count < Self.partialRunLength {
                shortSecrets.insert(bytes)
                continue
            }
            var window: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                window = window << 8 | UInt64(byte)
                if index >= Self.partialRunLength - 1 { windows.insert(window) }
            }
        }
    }

    /// Whether the redactor knows no secret (it still masks URL credentials).
    public var knowsNoSecret: Bool { windows.isEmpty && shortSecrets.isEmpty }

    /// `text` with every secret (in every form and every long-enough piece) and every URL
    /// credential replaced by `<redacted>`.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        var hidden = [Bool](repeating: false, count: bytes.count)
        var any = false
        for view in DecodedView.views(of: bytes) {
            for range in matches(in: view.bytes) + URLCredentials.ranges(in: view.bytes) {
                let original = view.original(range)
                for index in original { hidden[index] = true }
                any = any || !original.isEmpty
            }
        }
        guard any else { return text }
        return Self.replace(bytes, hidden: hidden)
    }

    /// `text` redacted as a whole, then cut to at most `limit` characters (with `…` when cut),
    /// never inside a `<redacted>`.
    public func redact(_ text: String, limit: Int) -> String {
        Self.cut(redact(text), limit: limit)
    }

    /// Bytes received from elsewhere (possibly cut mid-character), decoded leniently and redacted, then cut to `limit` characters.
    public func redact(bytes: some Collection<UInt8>, limit: Int) -> String {
        redact(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// Cuts already redacted text to `limit` characters (with `…` when cut), moving the cut
    /// before a placeholder it would split. Cutting text that was not redacted first could leave
    /// part of a secret that a later redaction no longer recognises as a whole.
    public static func cut(_ text: String, limit: Int) -> String {
        guard limit >= 0, text.count > limit else { return text }
        var end = text.index(text.startIndex, offsetBy: limit)
        var searchStart = text.startIndex
        while let found = text[searchStart...].firstRange(of: placeholder), found.lowerBound < end {
            if found.upperBound > end {
                end = found.lowerBound
                break
            }
            searchStart = found.upperBound
        }
        return String(text[..<end]) + "…"
    }

    /// The ranges of `bytes` that are secrets or long-enough pieces of them.
    private func matches(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let length = Self.partialRunLength
        if !windows.isEmpty, bytes.count >= length {
            var window: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                window = window << 8 | UInt64(byte)
                guard index >= length - 1, windows.contains(window) else { continue }
                let start = index + 1 - length
                // Overlapping windows of one run merge into one range.
                if let last = ranges.last, last.upperBound >= start {
                    ranges[ranges.count - 1] = last.lowerBound..<(index + 1)
                } else {
                    ranges.append(start..<(index + 1))
                }
            }
        }
        for secret in shortSecrets {
            ranges += Self.occurrences(of: secret, in: bytes, wholeWordsOnly: secret.count < Self.shortestHiddenInWords)
        }
        return ranges
    }

    /// Occurrences of `needle`; with `wholeWordsOnly`, those that do not continue a longer word on either side.
    private static func occurrences(of needle: [UInt8], in bytes: [UInt8], wholeWordsOnly: Bool) -> [Range<Int>] {
        guard let first = needle.first, let last = needle.last, bytes.count >= needle.count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start + needle.count <= bytes.count {
            if bytes[start] == first, bytes[start..<(start + needle.count)].elementsEqual(needle) {
                let end = start + needle.count
                let joinsBefore = wholeWordsOnly && start > 0 && isWordByte(bytes[start - 1]) && isWordByte(first)
                let joinsAfter = wholeWordsOnly && end < bytes.count && isWordByte(bytes[end]) && isWordByte(last)
                if !joinsBefore, !joinsAfter {
                    found.append(start..<end)
                    start = end
                    continue
                }
            }
            start += 1
        }
        return found
    }

    /// Letters, digits and non-ASCII bytes continue a word.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// The text with each run of hidden bytes (widened to whole UTF-8 characters) replaced by one placeholder.
    private static func replace(_ bytes: [UInt8], hidden: [Bool]) -> String {
        var hidden = hidden
        // Widen to character boundaries: a continuation byte (10xxxxxx) belongs with the byte before it.
        for index in bytes.indices where hidden[index] {
            var before = index
            while before > 0, bytes[before] & 0xC0 == 0x80, !hidden[before - 1] {
                hidden[before - 1] = true
                before -= 1
            }
        }
        for index in bytes.indices.reversed() where hidden[index] {
            var after = index + 1
            while after < bytes.count, bytes[after] & 0xC0 == 0x80, !hidden[after] {
                hidden[after] = true
                after += 1
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if hidden[index] {
                output.append(contentsOf: placeholder.utf8)
                while index < bytes.count, hidden[index] { index += 1 }
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
