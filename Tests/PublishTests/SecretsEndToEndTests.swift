import Foundation
import TestSupport
import Testing

/// The real binary against servers and CI APIs that echo credentials back: a 401 that quotes the
/// token, a model list that holds the key, error bodies with the key straddling every cut, a
/// stream error that quotes it. Nothing printed, annotated or written may hold a run of 8
/// characters of a secret; only the `::add-mask::` line names it, once.
///
/// These live with the publishing tests because this target has both the fake HTTP server
/// (on 127.0.0.1, port 0, stopped after each test) and the binary runner.
@Suite struct SecretsEndToEndTests {
    /// A key with the characters JSON and URL encodings change.
    static let key = "sk-e2e/Straddle+Key-0123456789abcdef"

    /// Every run of 8 characters of `secret` found in `text`.
    static func leaks(of secret: String, in text: String) -> [String] {
        let characters = Array(secret)
        return (0...(characters.count - 8)).map { String(characters[$0..<($0 + 8)]) }.filter { text.contains($0) }
    }

    /// Everything a run left for people to read: both streams without the add-mask lines, and the files it wrote.
    static func visible(_ outcome: ProcessOutcome, files: [URL]) -> String {
        let stdout = outcome.stdout.split(separator: "\n").filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
        let written = files.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        return ([stdout, outcome.stderr] + written).joined(separator: "\n")
    }

    static func config(port: Int, baseURL: String? = nil, healthCheck: Bool = true) -> String {
        """
        targets:
          hostile:
            provider: custom
            protocol: openai-chat
            base_url: \(baseURL ?? "http://127.0.0.1:\(port)/v1")
            model: not-listed
            health_check: \(healthCheck)
            api_key: ${HOSTILE_KEY}
        workloads:
          w: {prompt: "hi", max_tokens: 8}
        scenarios:
          - {name: s, target: hostile, workload: w, load: {requests: 6, concurrency: 1}}
        run: {abort: {min_requests: 2}}
        """
    }

    enum Echo: String, CaseIterable {
        /// A 401 whose body has the key straddling byte 200 (where the transport used to cut before redacting).
        case straddling200
        /// Straddling the 240-character message limit (a cut that only exists since redaction comes first).
        case straddlingMessageLimit
        /// Straddling byte 512, where the transport stops keeping the body (ditto).
        case straddling512
        /// JSON-escaped (`\/`, `\u002B`) in the body.
        case jsonEscaped
        /// Inside a 200 stream, as an error event whose message is cut at 300 characters.
        case streamError
    }

    static func response(_ echo: Echo) -> FakeResponse {
        func padded(_ offset: Int, _ text: String) -> String {
            String(repeating: "x", count: offset) + text + String(repeating: "y", count: 80)
        }
        switch echo {
        case .straddling200: return FakeResponse(status: 401, body: padded(200 - 11, key))
        case .straddlingMessageLimit: return FakeResponse(status: 401, body: padded(230 - 13, key))
        case .straddling512: return FakeResponse(status: 401, body: padded(512 - 9, key))
        case .jsonEscaped:
            let escaped = key.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(of: "+", with: "\\u002B")
            return FakeResponse(status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(escaped)"}}"#)
        case .streamError:
            let message = String(repeating: "z", count: 300 - 10) + key
            return FakeResponse(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                body: "data: {\"error\":{\"message\":\"\(message)\",\"type\":\"server_error\"}}\n\n")
        }
    }

    /// Runs `lens-gate run` against a server answering with `handler`; returns what it printed and wrote.
    static func run(healthCheck: Bool, handler: @escaping @Sendable (RecordedRequest) -> FakeResponse) throws -> (
        ProcessOutcome, String, FakeAPIServer
    ) {
        let server = try FakeAPIServer(handler: handler)
        defer { server.shutdown() }
        let directory = Scratch.directory()
        try Self.config(port: server.port, healthCheck: healthCheck)
            .write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(
            ["run", "--csv", "requests.csv"],
            in: directory, environment: ["HOSTILE_KEY": Self.key, "GITHUB_ACTIONS": "true"])
        let files = ["results.json", "requests.csv"].map { directory.appendingPathComponent($0) }
        return (outcome, Self.visible(outcome, files: files), server)
    }

    /// A server that lists the key among its models (bare, as the Authorization value, JSON-escaped).
    @Test func aModelListHoldingTheKeyIsNeverShown() throws {
        let (outcome, shown, _) = try Self.run(healthCheck: true) { request in
            guard request.method == "GET" else { return FakeResponse(status: 401, body: "no") }
            let escaped = SecretsEndToEndTests.key.replacingOccurrences(of: "/", with: "\\/")
            return FakeResponse(
                status: 200,
                body: #"{"object":"list","data":[{"id":"Bearer \#(SecretsEndToEndTests.key)"},{"id":"\#(escaped)"},{"id":"served"}]}"#)
        }
        #expect(outcome.status == 3, "\(outcome.all)")
        #expect(outcome.stderr.contains("is not among the models listed"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("served"))
        #expect(Self.leaks(of: Self.key, in: shown).isEmpty, "\(Self.leaks(of: Self.key, in: shown)) in \(shown)")
        #expect(outcome.stdout.components(separatedBy: "::add-mask::\(Self.key)").count == 2, "masked once: \(outcome.stdout)")
    }

    @Test(arguments: Echo.allCases)
    func runNeverShowsAKeyTheServerEchoes(echo: Echo) throws {
        let (outcome, shown, server) = try Self.run(healthCheck: false) { _ in SecretsEndToEndTests.response(echo) }
        #expect(outcome.status == 3, "\(outcome.all)")
        #expect(outcome.stderr.contains("first error:"), "\(outcome.stderr)")
        #expect(server.requests.contains { $0.header("Authorization") == "Bearer \(Self.key)" }, "the key does reach the server")
        #expect(Self.leaks(of: Self.key, in: shown).isEmpty, "\(Self.leaks(of: Self.key, in: shown)) in \(shown)")
    }

    /// Credentials inside base_url are masked wherever the URL is shown.
    @Test func baseURLCredentialsAreMaskedInErrors() throws {
        let closed = try FakeAPIServer { _ in FakeResponse(status: 200) }
        let port = closed.port
        closed.shutdown()
        let directory = Scratch.directory()
        let config = Self.config(port: port, baseURL: "http://bench:URLPASS-0123456789@127.0.0.1:\(port)/v1")
        try config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(["run"], in: directory, environment: ["HOSTILE_KEY": Self.key])
        #expect(outcome.status == 3, "\(outcome.all)")
        #expect(outcome.stderr.contains("http://bench:<redacted>@127.0.0.1:\(port)/v1/models"), "\(outcome.stderr)")
        #expect(!outcome.all.contains("URLPASS"))
    }

    /// A literal credential header is refused like a literal api_key: located, with the remedy, unechoed.
    @Test func aLiteralAuthorizationHeaderIsAConfigError() throws {
        let directory = Scratch.directory()
        let config = Self.config(port: 1).replacingOccurrences(
            of: "    api_key: ${HOSTILE_KEY}",
            with: "    headers:\n      Authorization: Bearer sk-LITERAL-0123456789")
        try config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        for arguments in [["validate"], ["run"]] {
            let outcome = try LensGateBinary.run(arguments, in: directory)
            #expect(outcome.status == 2, "\(outcome.all)")
            #expect(
                outcome.stderr.contains(
                    "lens-gate.yaml:9:22: targets.hostile.headers.Authorization: header 'Authorization' carries a credential"),
                "\(outcome.stderr)")
            #expect(outcome.stderr.contains("Bearer ${API_TOKEN}"))
            #expect(!outcome.all.contains("LITERAL"))
        }
    }

    static let token = "ghs_E2E/Token+Value-0123456789abcdef"

    /// What a hostile or careless CI API may say back about the token it rejected.
    static let apiMessages = [
        "Bad credentials: Bearer \(token)",
        "Bad credentials: " + token.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(of: "+", with: "\\u002b"),
        String(repeating: "p", count: 190) + token,
        "see https://api.example/x?access_token="
            + token.replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "+", with: "%2B"),
    ]

    @Test(arguments: apiMessages)
    func aGitHubErrorEchoingTheTokenNeverShowsIt(message: String) throws {
        let fake = try FakeGitHub()
        defer { fake.shutdown() }
        fake.fail(401, message)
        let directory = Scratch.directory()
        let markdown = directory.appendingPathComponent("summary.md")
        try "### ok\n".write(to: markdown, atomically: true, encoding: .utf8)
        let environment = fake.environment(token: Self.token).merging(["GITHUB_ACTIONS": "true"]) { $1 }
        for strict in [false, true] {
            let outcome = try LensGateBinary.run(
                ["comment", "github", "--markdown", markdown.path, "--pr", "7"] + (strict ? ["--strict-comment"] : []),
                environment: environment)
            #expect(outcome.status == (strict ? 2 : 0), "\(outcome.all)")
            #expect(outcome.stderr.contains("HTTP 401"), "\(outcome.stderr)")
            if !strict { #expect(RunnerParsing.commands(in: outcome.stdout).map(\.name) == ["add-mask", "warning"]) }
            let shown = Self.visible(outcome, files: [])
            #expect(Self.leaks(of: Self.token, in: shown).isEmpty, "\(shown)")
        }
    }

    @Test(arguments: apiMessages)
    func aGitLabErrorEchoingTheTokenNeverShowsIt(message: String) throws {
        let fake = try FakeGitLab()
        defer { fake.shutdown() }
        fake.fail(401, message)
        let directory = Scratch.directory()
        let markdown = directory.appendingPathComponent("summary.md")
        try "### ok\n".write(to: markdown, atomically: true, encoding: .utf8)
        for strict in [false, true] {
            let outcome = try LensGateBinary.run(
                ["comment", "gitlab", "--markdown", markdown.path] + (strict ? ["--strict-comment"] : []),
                environment: fake.environment(token: Self.token))
            #expect(outcome.status == (strict ? 2 : 0), "\(outcome.all)")
            #expect(outcome.stderr.contains("HTTP 401"), "\(outcome.stderr)")
            #expect(Self.leaks(of: Self.token, in: outcome.all).isEmpty, "\(outcome.all)")
        }
    }
}
