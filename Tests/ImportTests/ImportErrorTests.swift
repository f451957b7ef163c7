import Foundation
import TestSupport
import Testing

@testable import Import
@testable import LensCore

/// Bad files of other tools: one line naming the file, the line or field, and why; never a trap.
@Suite struct ImportErrorTests {
    private func failure(_ text: String, format: ForeignFormat? = nil) throws -> String {
        let path = Scratch.file("json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ForeignResults.load(path, format: format)
            return "no error"
        } catch {
            #expect(error.description.hasPrefix(path))
            #expect(!error.description.contains("\n"))
            return error.description
        }
    }

    @Test func aBrokenJSONLinesRecordNamesItsLine() throws {
        let message = try failure(#"{"metadata": {}, "metrics": {}}"# + "\n" + #"{"metadata": {}, "metrics": "# + "\n")
        #expect(message.contains(":2:"))
    }

    @Test func aNegativeLatencyIsRefusedWithItsField() throws {
        let message = try failure(#"{"ttfts": [0.1, -0.2], "latencies": [0.3, 0.4], "errors": ["", ""]}"#)
        #expect(message.contains("ttfts[1]"))
        #expect(message.contains("negative"))
    }

    @Test func arraysThatAreNotParallelAreRefused() throws {
        let message = try failure(#"{"ttfts": [0.1], "latencies": [0.3, 0.4]}"#)
        #expect(message.contains("ttfts"))
        #expect(message.contains("parallel"))
    }

    @Test func hugeOrFractionalCountsAreErrorsNotTraps() throws {
        #expect(try failure(#"{"ttfts": [0.1], "latencies": [0.3], "output_lens": [1e300]}"#).contains("output_lens[0]"))
        #expect(try failure(#"{"ttfts": [0.1], "latencies": [0.3], "output_lens": [2.5]}"#).contains("token count"))
        #expect(
            try failure(#"[{"ttft_s": 0.1, "end_to_end_latency_s": 0.2, "number_output_tokens": 1e300}]"#).contains("number_output_tokens"))
        let aggregate = #"{"aiperf_version": "x", "request_count": {"avg": 3}, "error_summary": [{"count": 9e15}, {"count": 9e15}]}"#
        #expect(try failure(aggregate).contains("count"))
    }

    @Test func valuesBeyondLensGateLimitsAreRefusedAfterConversion() throws {
        let message = try failure(#"{"ttfts": [1e300], "latencies": [1e300]}"#)
        #expect(message.contains("converted data is not valid"))
    }

    @Test func genaiPerfRequestWithoutContentIsAFailedRequest() throws {
        let document = #"""
            {"experiments": [{"experiment": {"mode": "concurrency", "value": 1}, "requests": [
              {"timestamp": 1000000, "response_timestamps": [3000000, 4000000, 6000000],
               "response_outputs": [{"response": "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"},
                                    {"response": "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n"},
                                    {"response": "data: [DONE]\n\n"}]},
              {"timestamp": 2000000, "response_timestamps": [], "response_outputs": []}]}]}
            """#
        let path = Scratch.file("json")
        try document.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try #require(try ForeignResults.load(path).results.scenarios.first)
        #expect(scenario.counts == RequestCounts(requests: 2, succeeded: 1, failed: 1, errors: [.emptyResponse: 1]))
        #expect(scenario.samples[.ttftMs] == [2])
        #expect(scenario.samples[.itlMs] == [1])
        #expect(scenario.samples[.e2eMs] == [5])
        #expect(scenario.samples[.tpotMs] == [3])
    }

    @Test func errorTextsAreClassifiedByStatusOrPhrase() {
        #expect(ForeignErrorText.errorClass(of: "Service Unavailable") == .http5xx)
        #expect(ForeignErrorText.errorClass(of: "Server error '429 Too Many Requests' for url") == .http429)
        #expect(ForeignErrorText.errorClass(of: "HTTPStatusError 404") == .http4xx)
        #expect(ForeignErrorText.errorClass(of: "Gateway Timeout") == .http5xx)
        #expect(ForeignErrorText.errorClass(of: "ReadTimeout") == .timeout)
        #expect(ForeignErrorText.errorClass(of: "something odd", status: 503) == .http5xx)
        #expect(ForeignErrorText.errorClass(of: "port 8000 said no") == nil)
    }
}
