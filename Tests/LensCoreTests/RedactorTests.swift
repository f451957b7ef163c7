import LensCore
import Testing

/// The one redaction point: every form of a secret, every long-enough piece of it, and every
/// credential inside a URL are hidden; short secrets are hidden as whole words; cuts come after.
@Suite struct RedactorTests {
    /// A key with the characters that JSON and URL encodings change: `/`, `+`, `=`.
    static let key = "sk-live/AbC+dEf=GhIjKlMn0123456789"
    static let redactor = Redactor([Secret(key)])

    /// Every run of `length` characters of `secret` found in `text`.
    static func runs(of secret: String, in text: String, length: Int = Redactor.partialRunLength) -> [String] {
        let characters = Array(secret)
        guard characters.count >= length else { return text.contains(secret) ? [secret] : [] }
        return (0...(characters.count - length)).map { String(characters[$0..<($0 + length)]) }.filter { text.contains($0) }
    }

    @Test func theRawKeyIsHiddenWherever() {
        #expect(Self.redactor.redact("bad key \(Self.key)!") == "bad key <redacted>!")
        #expect(Self.redactor.redact(Self.key) == "<redacted>")
        #expect(Self.redactor.redact("Bearer \(Self.key)\(Self.key)") == "Bearer <redacted>")
        #expect(Self.redactor.redact("nothing to hide") == "nothing to hide")
        #expect(Self.redactor.redact("") == "")
    }

    @Test(arguments: [
        // JSON escapes a server may use: \/, \uXXXX for any character, surrogate pairs.
        #"{"error":"bad key sk-live\/AbC+dEf=GhIjKlMn0123456789"}"#,
        #"{"error":"bad key sk-live\u002FAbC\u002BdEf\u003DGhIjKlMn0123456789"}"#,
        #"{"error":"bad key \u0073\u006B\u002D\u006C\u0069\u0076\u0065\u002F\u0041\u0062\u0043\u002B\u0064\u0045\u0066\u003D\u0047\u0068\u0049\u006A\u004B\u006C\u004D\u006E\u0030\u0031\u0032\u0033\u0034\u0035\u0036\u0037\u0038\u0039"}"#,
        // URL encodings: upper and lower case escapes, every byte escaped.
        "https://h/cb?k=sk-live%2FAbC%2BdEf%3DGhIjKlMn0123456789&x=1",
        "https://h/cb?k=sk-live%2fAbC%2bdEf%3dGhIjKlMn0123456789&x=1",
        "%73%6B%2D%6C%69%76%65%2F%41%62%43%2B%64%45%66%3D%47%68%49%6A%4B%6C%4D%6E%30%31%32%33%34%35%36%37%38%39",
        // Nested: a URL-encoded key inside a JSON string, and a JSON-escaped key inside a URL.
        #"{"url":"https:\/\/h\/cb?k=sk-live%2FAbC%2BdEf%3DGhIjKlMn0123456789"}"#,
        "q=sk-live%5C%2FAbC%2BdEf%3DGhIjKlMn0123456789",
    ])
    func everyEncodedFormIsHidden(text: String) {
        let redacted = Self.redactor.redact(text)
        #expect(redacted.contains("<redacted>"), "\(redacted)")
        // Decode what is left both ways: not a piece of the key may survive in any form.
        for form in [redacted, Self.jsonDecoded(redacted), Self.percentDecoded(redacted), Self.percentDecoded(Self.jsonDecoded(redacted))] {
            #expect(Self.runs(of: Self.key, in: form).isEmpty, "\(form)")
        }
    }

    @Test func escapedQuotesAndBackslashesInAKeyAreFollowed() {
        let key = #"pa"ss\word-0123456789"#
        let redactor = Redactor([Secret(key)])
        let json = #"{"message":"token pa\"ss\\word-0123456789 rejected"}"#
        #expect(redactor.redact(json) == #"{"message":"token <redacted> rejected"}"#)
        let spaced = "a key with spaces 0123"
        #expect(Redactor([Secret(spaced)]).redact("?q=a+key+with+spaces+0123&x") == "?q=<redacted>&x")
        #expect(Redactor([Secret(spaced)]).redact("?q=a%20key%20with%20spaces%200123") == "?q=<redacted>")
    }

    /// A body cut anywhere (as the transport keeps 512 bytes, or a stream message 300 characters)
    /// never leaves a run of 8 characters of the key, at its end or at its start.
    @Test func aKeyCutAnywhereLeavesNoEightCharacterRun() {
        let body = "HTTP 401: {\"error\":{\"message\":\"Incorrect API key provided: \(Self.key). See docs.\"}}"
        let characters = Array(body)
        for cut in 0...characters.count {
            let head = String(characters[..<cut])
            let tail = String(characters[cut...])
            for piece in [head, tail] {
                let redacted = Self.redactor.redact(piece)
                #expect(Self.runs(of: Self.key, in: redacted).isEmpty, "cut \(cut): \(redacted)")
            }
        }
    }

    @Test func aPieceInTheMiddleIsHiddenToo() {
        // A server that echoes half a key, or a key with a character changed.
        let half = String(Self.key.dropFirst(5).prefix(12))
        #expect(Self.redactor.redact("key …\(half)… rejected") == "key …<redacted>… rejected")
        let altered = Self.key.replacingFirst("A", with: "*")
        #expect(Self.runs(of: Self.key, in: Self.redactor.redact("got \(altered)")).isEmpty)
    }

    @Test func sevenCharactersAreBelowThePartialRunPolicy() {
        // Policy: pieces shorter than partialRunLength stay (they would hide ordinary words).
        let seven = String(Self.key.prefix(7))
        #expect(Self.redactor.redact("…\(seven)") == "…\(seven)")
        #expect(Self.redactor.redact("…" + String(Self.key.prefix(8))) == "…<redacted>")
    }

    @Test func theCutComesAfterTheRedaction() {
        let text = String(repeating: "x", count: 195) + Self.key + " and more"
        let cut = Self.redactor.redact(text, limit: 200)
        #expect(Self.runs(of: Self.key, in: cut).isEmpty)
        // The cut does not split the placeholder: it moves before it.
        #expect(cut == String(repeating: "x", count: 195) + "…")
        #expect(Self.redactor.redact("short", limit: 200) == "short")
        #expect(Redactor.cut("abcdef", limit: 3) == "abc…")
        #expect(
            Self.redactor.redact(bytes: Array((String(repeating: "y", count: 10) + Self.key).utf8).prefix(20), limit: 100)
                == String(repeating: "y", count: 10) + "<redacted>")
    }

    @Test func shortSecretsAreHiddenWholeAndTinyOnesAsWordsOnly() {
        let redactor = Redactor([Secret("t3st"), Secret("EMPTY"), Secret("k9")])
        #expect(redactor.redact("invalid key t3st.") == "invalid key <redacted>.")
        #expect(redactor.redact("Bearer EMPTY") == "Bearer <redacted>")
        #expect(redactor.redact("?key=t3st&x=1") == "?key=<redacted>&x=1")
        #expect(redactor.redact(#"{"k":"\u0074\u0033st"}"#) == #"{"k":"<redacted>"}"#)
        // From 4 characters on, a secret is hidden even inside a longer word (a server may glue text to it).
        #expect(redactor.redact("lat3st EMPTYING") == "la<redacted> <redacted>ING")
        // Shorter ones only as words of their own: hiding every "k9" would erase ordinary text.
        #expect(redactor.redact("key k9 in bk9x") == "key <redacted> in bk9x")
        // Empty values and surrounding whitespace are not secrets.
        #expect(Redactor([Secret(""), Secret("   ")]).knowsNoSecret)
        #expect(Redactor([Secret("  \(Self.key)\n")]).redact("k=\(Self.key)") == "k=<redacted>")
    }

    @Test func nonASCIISecretsAreHiddenOnCharacterBoundaries() {
        let key = "clé-секрет-密钥-0123456789"
        let redactor = Redactor([Secret(key)])
        #expect(redactor.redact("x \(key) y") == "x <redacted> y")
        let bytes = Array("x \(key) y".utf8)
        for cut in 0...bytes.count {
            let redacted = redactor.redact(String(decoding: bytes[..<cut], as: UTF8.self))
            #expect(Self.runs(of: key, in: redacted).isEmpty, "\(redacted)")
        }
    }

    @Test(arguments: [
        ("http://user:hunter2pass@host:8000/v1", "http://user:<redacted>@host:8000/v1"),
        ("https://ghp_TOKEN123@github.com/o/r", "https://<redacted>@github.com/o/r"),
        ("http://h/v1?key=AIzaSy123", "http://h/v1?key=<redacted>"),
        (
            "http://h/v1?api-version=2024&api_key=abc&apikey=def&model=m",
            "http://h/v1?api-version=2024&api_key=<redacted>&apikey=<redacted>&model=m"
        ),
        (
            "https://h/p?token=t&access_token=a&sig=s&signature=g&password=p&secret=c&code=o",
            "https://h/p?token=<redacted>&access_token=<redacted>&sig=<redacted>&signature=<redacted>&password=<redacted>&secret=<redacted>&code=<redacted>"
        ),
        (
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff&X-Amz-Expires=60",
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>&X-Amz-Expires=60"
        ),
        ("https://app/cb#access_token=xyz&state=1", "https://app/cb#access_token=<redacted>&state=1"),
        ("unreachable at http://u:p%40ss@10.0.0.1/v1/models: refused", "unreachable at http://u:<redacted>@10.0.0.1/v1/models: refused"),
        (#"{"next":"https:\/\/u:pw@h\/x?key=k1"}"#, #"{"next":"https:\/\/u:<redacted>@h\/x?key=<redacted>"}"#),
        ("http://localhost:8000/v1/models?limit=5 and user@example.com", "http://localhost:8000/v1/models?limit=5 and user@example.com"),
    ])
    func urlCredentialsAreMaskedWithoutKnowingThem(url: String, masked: String) {
        #expect(Redactor.urlCredentialsOnly.redact(url) == masked)
        #expect(URLCredentials.masked(url) == masked)
    }

    @Test func urlCredentialsAreFoundToRegisterAsSecrets() {
        #expect(URLCredentials.values(in: "http://u:p%40ss@h/v1?key=K%2B1&model=m") == ["p%40ss", "p@ss", "K%2B1", "K+1"])
        #expect(URLCredentials.values(in: "http://h/v1").isEmpty)
    }

    @Test func sensitiveNamesCoverCredentialHeadersAndParameters() {
        for name in [
            "Authorization", "Proxy-Authorization", "X-Api-Key", "api-key", "Cookie", "X-Auth-Token", "client_secret",
            "X-Amz-Security-Token", "Ocp-Apim-Subscription-Key", "password", "sig", "code",
        ] {
            #expect(SensitiveName.matches(name), "\(name)")
        }
        for name in ["Content-Type", "anthropic-version", "X-Team", "api-version", "model", "OpenAI-Organization"] {
            #expect(!SensitiveName.matches(name), "\(name)")
        }
    }

    @Test func addingKeepsTheSecretsAlreadyKnown() {
        let other = "ghp_ZYXWVUTSRQPONMLKJIHG"
        let both = Self.redactor.adding([Secret(other)])
        #expect(both.redact("\(Self.key) \(other)") == "<redacted> <redacted>")
        #expect(Self.redactor.redact(other) == other)
    }

    @Test func aTargetsCredentialsComeFromTheEnvironmentHeadersAndURL() throws {
        let target = TargetConfig(
            name: "t", provider: .custom, baseURL: "http://u:URLPASS1@h/v1?token=QTOKEN99", model: "m",
            apiKey: CredentialSource(variable: "KEY"),
            headers: [
                .init(name: "X-Team", value: TemplatedValue("${TEAM}-bench")),
                .init(name: "Authorization", value: TemplatedValue("Bearer ${TOK}")),
                .init(name: "X-Plain", value: TemplatedValue("not-a-secret")),
            ])
        let values = target.credentials(in: ["KEY": "k-0123456789", "TEAM": "perf-team", "TOK": "tok-0123456789"]).map(
            \.revealedForTransport)
        #expect(values == ["k-0123456789", "perf-team", "tok-0123456789", "Bearer tok-0123456789", "URLPASS1", "QTOKEN99"])
    }

    /// Control characters and bidirectional overrides are shown as escapes in a log line.
    @Test func inertTextShowsWhatATerminalWouldObey() {
        #expect(InertText.singleLine("a\nb\r\tc") == #"a\nb\r c"#)
        #expect(
            InertText.singleLine("x\u{0}y\u{1B}[2J\u{9B}\u{202E}z\u{2066}\u{200F}") == #"x\u{0}y\u{1B}[2J\u{9B}\u{202E}z\u{2066}\u{200F}"#)
        #expect(InertText.singleLine("emoji 👩‍👩‍👧 and café") == "emoji 👩‍👩‍👧 and café")
    }

    private static func jsonDecoded(_ text: String) -> String {
        var output = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else {
                output.unicodeScalars.append(scalar)
                continue
            }
            scalars.removeFirst()
            if next == "u", scalars.count >= 4, let value = UInt32(String(String.UnicodeScalarView(scalars.prefix(4))), radix: 16),
                let decoded = Unicode.Scalar(value)
            {
                output.unicodeScalars.append(decoded)
                scalars.removeFirst(4)
            } else {
                output.unicodeScalars.append(next)
            }
        }
        return output
    }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8.removeFirst(2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let index = firstIndex(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: String(replacement))
        return copy
    }
}
