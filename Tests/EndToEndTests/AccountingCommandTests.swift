import Foundation
import LensCore
import Simulator
import TestSupport
import Testing

/// Accounting through the real binary against a simulator on 127.0.0.1: a run in which every
/// request failed exits 3 whatever its size (run, gate, ab), the token source shows in the terminal
/// summary and the Markdown, and bad size caps are refused by `validate`.
@Suite(.serialized) struct AccountingCommandTests {
    /// Starts a simulator, runs `body`, stops it.
    static func withSimulator<T>(
        usage: Bool = true, tokenizer: TokenizerDialect? = nil,
        _ body: (SimulatorServer) throws -> T
    ) async throws -> T {
        let profile = try LatencyProfile(
            timeToFirstToken: .constant(.milliseconds(3)), interChunk: .constant(.milliseconds(1)),
            tokensPerChunk: 3, outputLength: .fixed(10))
        let configuration = SimulatorConfiguration(
            threads: 1, seed: 9, profiles: ["sim-model": profile], defaultProfile: profile,
            unknownModels: .reject, reportsUsage: usage, tokenizer: tokenizer)
        return try await SimulatorServer.serving(configuration, body)
    }

    /// A workspace whose lens-gate.yaml has targets `good` (model sim-model) and `bad` (a model the server refuses).
    static func workspace(_ server: SimulatorServer, target: String, requests: Int = 3) throws -> URL {
        let directory = Scratch.directory()
        let yaml = """
            targets:
              good: {provider: custom, base_url: "\(server.baseURL)/v1", model: sim-model}
              bad: {provider: custom, base_url: "\(server.baseURL)/v1", model: no-such-model}
            workloads:
              chat: {prompt: "Hello there", max_tokens: 16}
            scenarios:
              - {name: chat, target: \(target), workload: chat, load: {requests: \(requests), concurrency: 1}}
            """
        try yaml.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// 3 requests, all HTTP 404: below the abort rule's 10 requests, yet nothing was measured.
    @Test func runWhoseEveryRequestFailedExitsThree() async throws {
        let outcome = try await Self.withSimulator { server in
            try LensGateBinary.run(["run"], in: try Self.workspace(server, target: "bad"))
        }
        #expect(outcome.status == 3, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("scenario chat: 0/3 requests succeeded, 3 failed (http_4xx 3)\n"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("scenario 'chat': all 3 requests to target 'bad'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[http_4xx 3]; first error: http_4xx: HTTP 404"))
        #expect(outcome.stderr.contains("partial results written to results.json"))
        #expect(outcome.stdout.contains("chat"), "the summary table still shows the scenario")
    }

    @Test func oneSuccessIsEnoughToMeasure() async throws {
        let outcome = try await Self.withSimulator { server in
            try LensGateBinary.run(["run", "--quiet"], in: try Self.workspace(server, target: "good", requests: 1))
        }
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    @Test func gateWhoseEveryRequestFailedExitsThree() async throws {
        let outcome = try await Self.withSimulator { server in
            let directory = try Self.workspace(server, target: "bad")
            return try LensGateBinary.run(["--baseline", LensGateBinary.fixture("baseline.json"), "--quiet"], in: directory)
        }
        #expect(outcome.status == 3, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("all 3 requests to target 'bad'"))
    }

    @Test func abWhoseCandidateFailedEveryRequestExitsThree() async throws {
        let outcome = try await Self.withSimulator { server in
            let directory = try Self.workspace(server, target: "good")
            return try LensGateBinary.run(["ab", "--baseline-target", "good", "--candidate-target", "bad", "--quiet"], in: directory)
        }
        #expect(outcome.status == 3, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains("all 3 requests to target 'bad'"), "\(outcome.stderr)")
    }

    /// The token source per scenario: in the terminal summary of `run`, and in the Markdown of `check`.
    @Test(arguments: [
        (TokenizerDialect?.some(.vllm), "tokenizer", "counted by the server's tokenizer"),
        (nil, "counted", "counted by lens-gate from chunks (approximate)"),
    ])
    func tokenSourceIsShownInSummaryAndMarkdown(tokenizer: TokenizerDialect?, source: String, markdown: String) async throws {
        let (run, directory) = try await Self.withSimulator(usage: false, tokenizer: tokenizer) { server in
            let directory = try Self.workspace(server, target: "good", requests: 4)
            return (try LensGateBinary.run(["run"], in: directory), directory)
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("scenario chat: 4/4 requests succeeded, output tokens: \(source)"), "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix("tokens from") == true, "\(run.stdout)")
        #expect(lines.last?.hasSuffix(source) == true, "\(run.stdout)")
        let results = try Results(json: JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("results.json")))))
        #expect(results.scenarios.first?.tokenSource?.rawValue == source)
        #expect(results.scenarios.first?.totals?.outputTokens == (tokenizer == nil ? 4 * 4 : 4 * 10))
        let check = try LensGateBinary.run(
            ["check", "results.json", "--baseline", "results.json", "--markdown", "summary.md"], in: directory)
        #expect(check.status == 0, "\(check.stderr)")
        let text = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(text.contains("- Output tokens — chat: \(markdown)."), "\(text)")
    }

    @Test func validateRefusesSizeCapsOutOfRange() throws {
        let directory = Scratch.directory()
        let yaml = """
            targets: {a: {provider: vllm, model: m}}
            workloads: {w: {prompt: hi}}
            scenarios:
              - {name: s, target: a, workload: w, load: {max_event_size: 10}}
            """
        try yaml.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let outcome = try LensGateBinary.run(["validate"], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("lens-gate.yaml:4:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("max_event_size: must be between 1 KiB and 1 GiB, found '10'"), "\(outcome.stderr)")
    }
}
