import Foundation
import LensCore
import Testing

/// Credentials in the config: a header that carries one is treated like `api_key` (it must come
/// from the environment), and text that becomes a URL or a header line cannot smuggle control
/// characters. Every refusal is located and never echoes the value.
@Suite struct CredentialConfigTests {
    static func target(_ lines: String) -> String {
        "targets:\n  t:\n    provider: custom\n    base_url: http://127.0.0.1:1/v1\n    model: m\n" + lines
    }

    @Test(arguments: [
        "Authorization", "authorization", "Proxy-Authorization", "X-Api-Key", "api-key", "Cookie", "X-Auth-Token",
        "Ocp-Apim-Subscription-Key",
    ])
    func aLiteralCredentialHeaderIsRefusedLikeALiteralAPIKey(name: String) throws {
        let value = "Bearer sk-live-LITERAL-0123456789"
        let error = try #require(failure(Self.target("    headers:\n      \(name): \"\(value)\"\n")))
        #expect(error.position == TextPosition(line: 7, column: 9 + name.count))
        #expect(error.path.description == "targets.t.headers.\(name)")
        #expect(error.reason.contains("must come from an environment variable"))
        #expect(error.reason.contains("${"), "the remedy shows how to write it")
        let rendered = InputError(file: "lens-gate.yaml", error).description
        #expect(rendered.hasPrefix("lens-gate.yaml:7:\(9 + name.count): targets.t.headers.\(name): "), "\(rendered)")
        #expect(!rendered.contains("LITERAL"))
        #expect(InputError(file: "lens-gate.yaml", error).exitStatus == .inputError)
    }

    @Test func credentialHeadersFromTheEnvironmentAndOrdinaryHeadersAreAccepted() throws {
        let config = try LensConfig(
            yaml: Self.target(
                """
                    headers:
                      Authorization: "Bearer ${API_TOKEN}"
                      X-Api-Key: ${KEY}
                      X-Team: perf
                      Cookie: ""

                """)
        ).bench
        #expect(config.targets[0].headers.map(\.name) == ["Authorization", "X-Api-Key", "X-Team", "Cookie"])
    }

    @Test(arguments: ["\\0", "\\x01", "\\e", "\\x7F", "\\n"])
    func controlCharactersInHeaderValuesAreRefused(escape: String) throws {
        let error = try #require(failure(Self.target("    headers:\n      X-Team: \"a\(escape)b\"\n")))
        #expect(error.position.line == 7)
        #expect(error.reason.contains("control characters"))
    }

    @Test(arguments: ["\\0", "\\t", "\\e", "\\x85", "\\u202E"])
    func controlCharactersInURLPartsAreRefused(escape: String) throws {
        let yaml = "targets:\n  t:\n    provider: custom\n    base_url: \"http://127.0.0.1:1/v1\(escape)evil\"\n    model: m\n"
        let error = try #require(failure(yaml))
        #expect(error.position == TextPosition(line: 4, column: 15))
        #expect(error.path.description == "targets.t.base_url")
        #expect(error.reason.contains("control character"))
        let azure =
            "targets:\n  t:\n    provider: azure-openai\n    base_url: https://r.openai.azure.com\n    deployment: \"d\(escape)x\"\n"
        #expect(failure(azure)?.path.description == "targets.t.deployment")
    }

    @Test func aBaseURLWithoutSchemeIsNotEchoed() throws {
        let error = try #require(
            failure(Self.target("").replacingOccurrences(of: "http://127.0.0.1:1/v1", with: "sk-live-PASTED-KEY-0123")))
        #expect(error.reason.contains("must start with http:// or https://"))
        #expect(!error.reason.contains("PASTED"))
        let ftp = try #require(
            failure(Self.target("").replacingOccurrences(of: "http://127.0.0.1:1/v1", with: "ftp://u:PASSWORD1@h/v1?key=QK")))
        #expect(ftp.reason.contains("ftp://u:<redacted>@h/v1?key=<redacted>"), "\(ftp.reason)")
    }

    @Test func urlCredentialsAreKeptOutOfTheFingerprintText() throws {
        let one = try LensConfig(yaml: Self.target("").replacingOccurrences(of: "http://127.0.0.1", with: "http://u:KEYONE111@127.0.0.1"))
            .bench
        let two = try LensConfig(yaml: Self.target("").replacingOccurrences(of: "http://127.0.0.1", with: "http://u:KEYTWO222@127.0.0.1"))
            .bench
        #expect(!one.canonicalText.contains("KEYONE111"))
        #expect(one.fingerprint == two.fingerprint)
    }
}
