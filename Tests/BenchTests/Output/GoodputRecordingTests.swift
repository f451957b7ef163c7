import LensCore
import Testing

@testable import Bench

/// Good requests counted while recording: measured requests only, failures never good, a
/// one-token request meets any TPOT limit, a non-streamed request fails a TTFT limit.
@Suite struct GoodputRecordingTests {
    static func recording(slo: String?) throws -> ScenarioRecording {
        let config = try LensConfig(
            yaml: """
                targets: {t: {provider: vllm, model: m, base_url: "http://127.0.0.1:1/v1"}}
                workloads: {w: {prompt: "hi"}}
                scenarios: [{name: s, target: t, workload: w\(slo.map { ", slo: \($0)" } ?? "")}]
                """
        ).bench
        let plan = ScenarioPlan(
            scenario: config.scenarios[0], target: config.targets[0], workload: config.workloads[0], headers: [],
            redactor: Redactor(), prompts: try PromptSet(workload: config.workloads[0], baseDirectory: ".", seed: 1), seed: 1,
            price: nil)
        var log = RequestLog()
        // Warmup: fast, but never counted.
        log.append(RequestRecord(intendedOffsetNs: 0, ttftMs: 1, e2eMs: 2, outputTokens: 2, chunks: 2, isWarmup: true))
        // Good under {ttft 100, tpot 10}: TPOT (50 − 20) / 3 = 10, exactly at the limit.
        log.append(RequestRecord(intendedOffsetNs: 1, ttftMs: 20, e2eMs: 50, outputTokens: 4, chunks: 4))
        // TTFT too slow.
        log.append(RequestRecord(intendedOffsetNs: 2, ttftMs: 150, e2eMs: 160, outputTokens: 2, chunks: 2))
        // TPOT too slow: (120 − 20) / 2 = 50.
        log.append(RequestRecord(intendedOffsetNs: 3, ttftMs: 20, e2eMs: 120, outputTokens: 3, chunks: 3))
        // One token: no TPOT, meets any TPOT limit.
        log.append(RequestRecord(intendedOffsetNs: 4, ttftMs: 30, e2eMs: 900, outputTokens: 1, chunks: 1))
        // Failed, fast: never good.
        log.append(RequestRecord(intendedOffsetNs: 5, ttftMs: 5, e2eMs: 6, status: 500, error: .http5xx))
        // Not streamed: no TTFT.
        log.append(RequestRecord(intendedOffsetNs: 6, e2eMs: 40, outputTokens: 8, chunks: 1))
        return ScenarioRecording(
            plan: plan, log: log, measuredStartNs: 0, measuredEndNs: 2_000_000_000, ending: .finished, errorMessages: [:],
            abandoned: 0)
    }

    @Test func goodRequestsAreCountedUnderTheScenariosSLO() throws {
        let result = ScenarioResult(recording: try Self.recording(slo: "{ttft_ms: 100, tpot_ms: 10}"))
        #expect(result.counts?.requests == 6)
        #expect(result.goodput == Goodput(good: 2, slo: ServiceLevelObjective(ttftMs: 100, tpotMs: 10)))
        // The end-to-end limit alone admits the unstreamed request and excludes the slow one-token one.
        let e2eOnly = ScenarioResult(recording: try Self.recording(slo: "{e2e_ms: 200}"))
        #expect(e2eOnly.goodput?.good == 4)
    }

    @Test func eachSideOfAnInterleavedScenarioCountsItsOwn() throws {
        var recording = try Self.recording(slo: "{ttft_ms: 100, tpot_ms: 10}")
        recording.plan.side = InterleavedSide(role: .baseline, pair: "s", blockSize: 10)
        let side = ScenarioResult(recording: recording)
        #expect(side.interleaved?.role == .baseline)
        #expect(side.goodput == Goodput(good: 2, slo: ServiceLevelObjective(ttftMs: 100, tpotMs: 10)))
        // Split for a side-by-side check, each side keeps its good count.
        var candidate = side
        candidate.name = "s"
        candidate.interleaved = InterleavedSide(role: .candidate, pair: "s", blockSize: 10)
        candidate.goodput?.good = 1
        var baseline = side
        baseline.name = "s@baseline"
        let sides = try #require(try Results(scenarios: [candidate, baseline]).interleavedSides())
        #expect(sides.candidate.scenarios[0].goodput?.good == 1)
        #expect(sides.baseline.scenarios[0].goodput?.good == 2)
    }

    @Test func noSLONoGoodput() throws {
        let result = ScenarioResult(recording: try Self.recording(slo: nil))
        #expect(result.goodput == nil)
        #expect(!String(decoding: ResultsFile.encode(Results(scenarios: [result])), as: UTF8.self).contains("goodput"))
    }
}
