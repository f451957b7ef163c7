import LensCore
import Testing

@testable import Bench

/// Numbers a server sends are data, not trusted sizes: a cumulative usage count of 10¹⁴ in one
/// frame used to append 10¹⁴ gaps (an allocation that kills the process), and an engine duration
/// of 1e300 ns became an infinite sample that made the results file unreadable.
@Suite struct HostileNumbersTests {
    static func openAIChunk(_ content: String, completionTokens: Int) -> String {
        #"data: {"choices":[{"delta":{"content":"\#(content)"}}],"usage":{"prompt_tokens":3,"completion_tokens":\#(completionTokens)}}"#
            + "\n\n"
    }

    @Test(arguments: [100_000_000_000_000, 999_999_999_999_999])
    func aHugeCumulativeCountCreditsABoundedNumberOfTokens(count: Int) {
        let text = Self.openAIChunk("a", completionTokens: 1) + Self.openAIChunk("b", completionTokens: count) + "data: [DONE]\n\n"
        let bytes = Array(text.utf8)
        let frames = text.components(separatedBy: "\n\n").dropLast().map { $0.utf8.count + 2 }
        let progress = StreamFixtures.decode(bytes, wire: .openAIChat, chunks: frames)
        #expect(progress.malformed == nil)
        #expect(progress.gapsMs.count == ResponseProgress.maximumTokensPerFrame)
        #expect(progress.countedTokens == 1 + ResponseProgress.maximumTokensPerFrame)
        #expect(progress.outputTokens == (count, true), "the server's own count is still what is reported")
    }

    @Test(arguments: ["1e300", "-5", "1e999"])
    func engineDurationsNoDurationCanHaveAreIgnored(value: String) {
        let text =
            #"{"message":{"content":"hi"},"done":false}"# + "\n"
            + #"{"message":{"content":""},"done":true,"eval_count":1,"eval_duration":\#(value),"load_duration":2000000}"# + "\n"
        let progress = StreamFixtures.decode(Array(text.utf8), wire: .ollamaChat, chunks: [])
        #expect(progress.malformed == nil)
        #expect(progress.interpreter.engine.evalDurationMs.isNaN, "absent, not \(progress.interpreter.engine.evalDurationMs)")
        #expect(progress.interpreter.engine.loadDurationMs == 2)
    }

    /// A slow open loop over many requests puts offsets beyond Int64 nanoseconds (292 years); the
    /// conversion saturates instead of trapping.
    @Test func arrivalOffsetsSaturate() {
        var schedule = ArrivalSchedule(load: LoadConfig(mode: .open, rate: 1e-12, arrival: .constant), seed: 1)
        #expect(schedule.next() == 0)
        #expect(schedule.next() == Int64.max)
        #expect(schedule.next() == Int64.max)
    }

    /// Long synthetic prompts get fewer distinct variants, so a million-token workload generates
    /// about 200 MB of text instead of 1.5 GB.
    @Test func syntheticVarietyFitsTheBudget() {
        #expect(PromptSet.syntheticVariety(longest: 256) == PromptSet.generatedVariety)
        #expect(PromptSet.syntheticVariety(longest: 131_072) == PromptSet.generatedVariety)
        #expect(PromptSet.syntheticVariety(longest: 1_000_000) == 33)
        #expect(PromptSet.syntheticVariety(longest: 2_000_000) * 2_000_000 <= PromptSet.syntheticTokenBudget)
        #expect(PromptSet.syntheticVariety(longest: Int.max) == 1)
    }
}
