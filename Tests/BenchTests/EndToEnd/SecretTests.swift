import Foundation
import LensCore
import Simulator
import Testing

@testable import Bench

/// API keys reach the server but never results, CSV, events or error messages.
@Suite(.serialized) struct SecretTests {
    static let key = "sk-test-SECRET-7f3a9c1e"

    @Test func keysNeverAppearInOutputs() async throws {
        let environment = ["TEST_KEY": Self.key, "TEAM": "perf"]
        let events = EventLog()
        let outcome = try await Harness.withSimulator(try Harness.simulator(faults: try FaultInjection(probabilities: [.rateLimited: 0.3])))
        { server in
            let config = try Harness.config(
                baseURL: server.baseURL + "/v1", load: "{requests: 20, concurrency: 2}",
                extraTarget: "    api_key: ${TEST_KEY}\n    headers: {X-Extra: \"key ${TEST_KEY} team ${TEAM}\"}",
                extra: "run: {abort: {max_error_rate: 100%}}")
            let benchmark = Benchmark(config: config, baseDirectory: ".", environment: environment, askGit: false)
            let plans = try benchmark.plan()
            var dumped = ""
            dump(plans, to: &dumped)
            #expect(!dumped.contains(Self.key))
            #expect(!"\(plans)".contains(Self.key))
            #expect(plans[0].headerLines.contains("Authorization: Bearer \(Self.key)"), "the key does reach the wire")
            return await benchmark.run(plans) { events.append("\($0)") }
        }
        let json = String(decoding: ResultsFile.encode(outcome.results), as: UTF8.self)
        let csv = String(decoding: RequestCSV.encode(outcome.recordings), as: UTF8.self)
        #expect(json.contains("\"ttft_ms\""), "the run produced results")
        #expect((outcome.results.scenarios.first?.counts?.errors[.http429] ?? 0) > 0)
        for text in [json, csv, events.joined, outcome.recordings.map { "\($0.errorMessages)" }.joined()] {
            #expect(!text.contains(Self.key))
            #expect(!text.contains("SECRET"))
        }
    }

    @Test func errorsNeverCarryTheKey() async throws {
        let port = try LoadBehaviourTests.closedPort()
        var config = try Harness.config(baseURL: "http://127.0.0.1:\(port)/v1", extraTarget: "    api_key: ${TEST_KEY}")
        let outcome = try await Harness.run(config, environment: ["TEST_KEY": Self.key])
        #expect(outcome.failure != nil)
        #expect(!"\(String(describing: outcome.failure))".contains(Self.key))
        config.targets[0].healthCheck = false
        let aborted = try await Harness.run(config, environment: ["TEST_KEY": Self.key])
        #expect(!"\(String(describing: aborted.failure))".contains(Self.key))
        // A missing variable is named, never a value.
        let benchmark = Benchmark(config: config, baseDirectory: ".", environment: [:], askGit: false)
        #expect(throws: BenchError.self) { try benchmark.plan() }
        do {
            _ = try benchmark.plan()
        } catch {
            #expect(error.description.contains("TEST_KEY"))
            #expect(error.exitStatus == .inputError)
        }
    }

    /// A server that lists the key (bare, as a Bearer value, JSON-escaped) among its models: the
    /// "model not listed" warning and the target-checked event show the list without the key.
    @Test func aModelListHoldingTheKeyIsShownRedacted() async throws {
        let key = "sk-test/MODEL+LIST-0123456789"
        let profile = try Harness.profile()
        let models = [key, "Bearer " + key, "prefix-" + String(key.prefix(12)), "served-model"]
        var simulator = try Harness.simulator()
        simulator.profiles = Dictionary(uniqueKeysWithValues: models.map { ($0, profile) })
        simulator.unknownModels = .serveWithDefaultProfile
        let events = EventLog()
        _ = try await Harness.withSimulator(simulator) { server in
            let config = try Harness.config(
                baseURL: server.baseURL + "/v1", load: "{requests: 2, concurrency: 1}",
                extraTarget: "    api_key: ${TEST_KEY}")
            return try await Harness.run(config, environment: ["TEST_KEY": key]) { events.append("\($0)") }
        }
        let text = events.joined
        #expect(text.contains("is not among the models listed"), "\(text)")
        #expect(text.contains("served-model"))
        for start in 0...(key.count - 8) {
            let run = String(Array(key)[start..<(start + 8)])
            #expect(!text.contains(run), "\(run) in \(text)")
        }
    }

    /// Credentials inside base_url (userinfo, query) never appear in errors or events.
    @Test func urlCredentialsAreMaskedInErrorsAndEvents() async throws {
        let port = try LoadBehaviourTests.closedPort()
        var config = try Harness.config(baseURL: "http://bench:URLSECRET-99@127.0.0.1:\(port)/v1")
        let unreachable = try await Harness.run(config)
        let message = "\(String(describing: unreachable.failure))"
        #expect(message.contains("unreachable at http://bench:<redacted>@127.0.0.1:\(port)/v1/models"), "\(message)")
        #expect(!message.contains("URLSECRET"))

        config.targets[0].healthCheck = false
        config.targets[0].baseURL = "http://127.0.0.1:\(port)/v1?key=QUERYSECRET-1"
        let events = EventLog()
        let aborted = try await Harness.run(config) { events.append("\($0)") }
        let abortMessage = "\(String(describing: aborted.failure))"
        #expect(abortMessage.contains("aborted"), "\(abortMessage)")
        for text in [abortMessage, events.joined] {
            #expect(!text.contains("QUERYSECRET"), "\(text)")
            #expect(text.contains("key=<redacted>"), "\(text)")
        }
    }

    /// A credential variable with a line break would inject header lines: refused before any request.
    @Test func aCredentialWithALineBreakIsRefused() throws {
        let config = try Harness.config(
            baseURL: "http://127.0.0.1:1/v1", extraTarget: "    api_key: ${TEST_KEY}\n    headers: {X-Org: \"${ORG}\"}")
        for environment in [["TEST_KEY": "sk-1\r\nX-Injected: 1", "ORG": "o"], ["TEST_KEY": "sk-1", "ORG": "o\u{0}x"]] {
            let benchmark = Benchmark(config: config, baseDirectory: ".", environment: environment, askGit: false)
            do {
                _ = try benchmark.plan()
                Issue.record("expected a refusal")
            } catch {
                #expect(error.exitStatus == .inputError)
                #expect(error.description.contains("control character"), "\(error)")
                #expect(!error.description.contains("Injected"))
            }
        }
    }

    @Test func scrubbingReplacesEveryCredential() throws {
        let config = try Harness.config(baseURL: "http://127.0.0.1:1/v1", extraTarget: "    api_key: ${TEST_KEY}")
        let plan = try Benchmark(config: config, baseDirectory: ".", environment: ["TEST_KEY": Self.key], askGit: false).plan()[0]
        #expect(plan.redactor.redact("server said: bad key \(Self.key)!") == "server said: bad key <redacted>!")
    }
}

/// Collects event descriptions from the runner's thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var joined: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }
}
