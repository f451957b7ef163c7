import LensCore
import Simulator
import Testing

@testable import Bench

/// TTFT, ITL and e2e measured by the runner against what the simulator says it injected.
///
/// Tolerances are loose on purpose: the simulator and the runner share two busy cores, so only
/// gross errors (wrong event, wrong clock, wrong order) can be asserted, not microseconds.
@Suite(.serialized) struct TimingTests {
    @Test func measuredTimesMatchTheSimulatorsTruth() async throws {
        let profile = try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(30), sigma: 0.4),
            interChunk: .logNormal(median: .milliseconds(6), sigma: 0.4), outputLength: .fixed(10))
        try await Harness.withSimulator(try Harness.simulator(profile: profile, seed: 5)) { server in
            let config = try Harness.config(baseURL: server.baseURL + "/v1", load: "{requests: 40, concurrency: 4}")
            let outcome = try await Harness.run(config)
            #expect(outcome.failure == nil)
            let log = try #require(outcome.recordings.first?.log)
            var ttftErrors: [Double] = []
            var scheduledTTFTs: [Double] = []
            var measuredTTFTs: [Double] = []
            for index in 0..<log.count {
                let record = log[index]
                let truth = try #require(server.truth(requestID: UInt64(record.serverRequestID)))
                let written = try #require(truth.firstContentWritten)
                let truthTTFT = Double(written.components.attoseconds) / 1e15 + Double(written.components.seconds) * 1000
                let scheduled =
                    Double(truth.scheduledTTFT.components.attoseconds) / 1e15 + Double(truth.scheduledTTFT.components.seconds) * 1000
                // The runner's clock starts before the request is sent, the simulator's after it is read.
                #expect(Double(record.ttftMs) >= truthTTFT - 0.5, "request \(index)")
                ttftErrors.append(Double(record.ttftMs) - truthTTFT)
                scheduledTTFTs.append(scheduled)
                measuredTTFTs.append(Double(record.ttftMs))
                // e2e covers the whole scheduled stream.
                let scheduledEnd =
                    Double(truth.scheduledEndToEnd.components.attoseconds) / 1e15 + Double(truth.scheduledEndToEnd.components.seconds)
                    * 1000
                #expect(Double(record.e2eMs) >= scheduledEnd - 0.5)
                // Mean measured gap against the mean scheduled gap of the same request.
                let gaps = log.gaps(of: index)
                #expect(gaps.count == truth.scheduledGaps.count)
                let scheduledGapMean =
                    truth.scheduledGaps.map { Double($0.components.attoseconds) / 1e15 }.reduce(0, +)
                    / Double(max(1, truth.scheduledGaps.count))
                let measuredGapMean = Double(gaps.reduce(0, +)) / Double(max(1, gaps.count))
                #expect(abs(measuredGapMean - scheduledGapMean) < 5, "request \(index): \(measuredGapMean) vs \(scheduledGapMean)")
            }
            let median = RunSummary.quantile(ttftErrors, 0.5) ?? .infinity
            #expect(median < 10, "median TTFT overhead \(median) ms")
            // The measured TTFTs follow the injected ones (rank correlation of a log-normal spread).
            let order = scheduledTTFTs.indices.sorted { scheduledTTFTs[$0] < scheduledTTFTs[$1] }
            let lowHalf = order.prefix(order.count / 2).map { measuredTTFTs[$0] }.reduce(0, +)
            let highHalf = order.suffix(order.count / 2).map { measuredTTFTs[$0] }.reduce(0, +)
            #expect(highHalf > lowHalf)
        }
    }
}
