import Foundation
import LensCore
import Testing

@testable import Bench

/// Results built from recordings: what counts, derived metrics, cost, the CSV, and a valid file.
@Suite struct ResultsOutputTests {
    static func recording(price: PricingTable.Price? = PricingTable.Price(inputPerMillion: 1, outputPerMillion: 2)) throws
        -> ScenarioRecording
    {
        let config = try LensConfig(
            yaml: """
                targets: {t: {provider: vllm, model: m, base_url: "http://127.0.0.1:1/v1"}}
                workloads: {w: {prompt: "hi, \\"you\\""}}
                scenarios: [{name: "s,1", target: t, workload: w}]
                """
        ).bench
        let plan = ScenarioPlan(
            scenario: config.scenarios[0], target: config.targets[0], workload: config.workloads[0], headers: [],
            redactor: Redactor(), prompts: try PromptSet(workload: config.workloads[0], baseDirectory: ".", seed: 1),
            seed: 1, price: price)
        var log = RequestLog()
        log.append(RequestRecord(intendedOffsetNs: 0, e2eMs: 50, inputTokens: 10, outputTokens: 5, isWarmup: true))
        let gaps: [Float] = [2, 3, 5]
        gaps.withUnsafeBufferPointer { buffer in
            log.append(
                RequestRecord(
                    intendedOffsetNs: 1_000_000, sendLagMs: 1, ttftMs: 20, e2eMs: 30, inputTokens: 10, outputTokens: 4,
                    chunks: 4, outputFromServer: true), gaps: buffer, engine: [.evalCount: 4])
        }
        log.append(RequestRecord(intendedOffsetNs: 2_000_000, e2eMs: 9, status: 429, error: .http429))
        log.append(RequestRecord(intendedOffsetNs: 3_000_000, ttftMs: 10, e2eMs: 40, inputTokens: 10, outputTokens: 1, chunks: 1))
        return ScenarioRecording(
            plan: plan, log: log, measuredStartNs: 1_000_000, measuredEndNs: 2_001_000_000, ending: .finished,
            errorMessages: [.http429: "HTTP 429: slow down"], abandoned: 0)
    }

    @Test func resultsCountMeasuredRequestsAndDeriveMetrics() throws {
        let result = ScenarioResult(recording: try Self.recording())
        #expect(result.counts == RequestCounts(requests: 3, succeeded: 2, failed: 1, warmup: 1, errors: [.http429: 1]))
        #expect(result.samples[.ttftMs] == [20, 10])
        #expect(result.samples[.e2eMs] == [30, 40])
        #expect(result.samples[.itlMs] == [2, 3, 5])
        #expect(result.sampleRequests?[.itlMs] == [0, 0, 0])
        // (30 − 20) / (4 − 1); the one-token request has no TPOT.
        #expect(result.samples[.tpotMs]?.count == 1)
        #expect(abs((result.samples[.tpotMs]?[0] ?? 0) - 10.0 / 3) < 0.001)
        let rates: [Double] = [4 / 0.03, 1 / 0.04].map { ($0 * 1000).rounded() / 1000 }
        #expect(result.samples[.outputTokensPerSecond] == rates)
        let costs: [Double] = [18 / 1e6, 12 / 1e6]
        #expect(result.samples[.costUSD] == costs)
        #expect(result.totals?.durationSeconds == 2)
        #expect(result.totals?.outputTokens == 5)
        #expect(result.tokenSource == .mixed)
        #expect(result.engineSamples?[.evalCount] == [4])
        #expect(result.scenarioValue(.errorRate) == 1.0 / 3)
        #expect(result.scenarioValue(.requestThroughput) == 1)
    }

    @Test func resultsFileRoundTrips() throws {
        let results = Results(
            run: RunMetadata(complete: false, configFingerprint: "fnv1a64:0000000000000001"),
            scenarios: [ScenarioResult(recording: try Self.recording())])
        let reread = try Results(json: JSONParser.parse(ResultsFile.encode(results)))
        #expect(reread == results)
    }

    @Test func csvHasOneRowPerRequestWithQuotedNames() throws {
        let csv = String(decoding: RequestCSV.encode([try Self.recording()]), as: UTF8.self)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 5)
        #expect(rows[0] == Substring(RequestCSV.columns.joined(separator: ",")))
        #expect(rows[1].hasPrefix("\"s,1\",0,1,"))
        #expect(rows[3].contains(",429,http_429,"))
        #expect(rows[2].contains(",server,"))
    }

    /// A scenario named like a formula is written as text ('-prefixed and quoted); numbers stay numbers.
    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
    func csvNeutralisesFormulaCells(name: String) throws {
        var field: [UInt8] = []
        RequestCSV.appendField(name, to: &field)
        let cell = String(decoding: field, as: UTF8.self)
        #expect(cell.hasPrefix("\"'"), "\(cell)")
        #expect(cell == "\"'" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")

        var recording = try Self.recording()
        recording.plan.scenario.name = name
        let csv = String(decoding: RequestCSV.encode([recording]), as: UTF8.self)
        let rows = csv.split(separator: "\n", omittingEmptySubsequences: false)
        for row in rows.dropFirst().filter({ !$0.isEmpty }) {
            #expect(row.hasPrefix("\"'"), "\(row)")
            #expect(!row.hasPrefix(name))
        }
        // A negative number is a number, not a formula: the send lag column of a request sent early.
        #expect(!csv.contains(",\"'-"))
    }

    @Test func csvLeavesOrdinaryNamesBare() {
        var field: [UInt8] = []
        RequestCSV.appendField("chat-c8", to: &field)
        #expect(field == Array("chat-c8".utf8))
        field = []
        RequestCSV.appendField("a-=b", to: &field)
        #expect(field == Array("a-=b".utf8))
    }

    @Test func summaryQuantilesMatchNumpy() {
        // numpy.quantile([1, 2, 3, 4, 10], [0.5, 0.95]) = [3.0, 8.8]
        #expect(RunSummary.quantile([10, 1, 3, 2, 4], 0.5) == 3)
        #expect(abs((RunSummary.quantile([10, 1, 3, 2, 4], 0.95) ?? 0) - 8.8) < 1e-12)
        #expect(RunSummary.quantile([], 0.5) == nil)
    }

    @Test func isoTimestamps() {
        #expect(RunEnvironment.iso8601(secondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RunEnvironment.iso8601(secondsSinceEpoch: 1_795_000_000.25) == "2026-11-18T11:06:40.250Z")
    }

    @Test func gitInfoComesFromCIVariables() {
        let git = RunEnvironment.git(
            environment: ["GITHUB_SHA": "abc123", "GITHUB_REF_NAME": "main", "GITHUB_HEAD_REF": ""],
            directory: ".", askGit: false)
        #expect(git == GitInfo(commit: "abc123", branch: "main"))
        #expect(RunEnvironment.git(environment: [:], directory: ".", askGit: false) == nil)
        #expect(RunEnvironment.host(environment: ["LENS_GATE_HARDWARE_TAG": "gha-4"], hardwareTag: "cfg").hardwareTag == "gha-4")
        #expect(RunEnvironment.host(environment: [:], hardwareTag: "cfg").hardwareTag == "cfg")
    }
}
