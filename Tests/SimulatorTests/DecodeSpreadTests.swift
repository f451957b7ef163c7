import Foundation
import Testing

@testable import Simulator

/// `decode_spread`: each request decodes at its own speed, as on a real engine.
@Suite struct DecodeSpreadTests {
    func profile(spread: Double) throws -> LatencyProfile {
        try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(50), sigma: 0.3),
            interChunk: .constant(.milliseconds(10)), outputLength: .fixed(12), decodeSpread: spread)
    }

    @Test func everyGapOfARequestSharesItsSpeedAndRequestsDiffer() throws {
        let plans = try (UInt64(1)...40).map {
            GenerationPlan(requestID: $0, seed: 5, profile: try profile(spread: 0.35), slowdown: .none, faults: .none, maxTokens: nil)
        }
        for plan in plans { #expect(Set(plan.gapNanos).count == 1) }
        let speeds = plans.compactMap { $0.gapNanos.first.map(Double.init) }
        let logs = speeds.map { Foundation.log($0 / 10_000_000) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let spread = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count - 1)).squareRoot()
        #expect(spread > 0.2 && spread < 0.5, "σ of log speeds \(spread)")
    }

    @Test("a spread of 0 leaves every plan as it was, and the spread changes gaps only")
    func zeroSpreadChangesNothing() throws {
        let plain = try LatencyProfile(
            timeToFirstToken: .logNormal(median: .milliseconds(50), sigma: 0.3),
            interChunk: .constant(.milliseconds(10)), outputLength: .fixed(12))
        for id in UInt64(1)...50 {
            let a = GenerationPlan(requestID: id, seed: 2, profile: plain, slowdown: .none, faults: .none, maxTokens: nil)
            let b = GenerationPlan(requestID: id, seed: 2, profile: try profile(spread: 0), slowdown: .none, faults: .none, maxTokens: nil)
            let c = GenerationPlan(
                requestID: id, seed: 2, profile: try profile(spread: 0.5), slowdown: .none, faults: .none, maxTokens: nil)
            #expect(a.gapNanos == b.gapNanos && a.ttftNanos == b.ttftNanos && a.text == b.text)
            #expect(c.ttftNanos == a.ttftNanos && c.text == a.text)
        }
    }

    @Test func outOfRangeSpreadIsRefused() {
        #expect(throws: SimulatorError.self) { try profile(spread: 3.5) }
        #expect(throws: SimulatorError.self) { try profile(spread: -0.1) }
        #expect(throws: SimulatorError.self) { try profile(spread: .nan) }
    }
}
