import Foundation
import Stats

/// Random samples for property tests, drawn from the module's own seeded generator so every run
/// sees the same data (swift-collections' RepeatableRandomNumberGenerator plays the same role).
struct SampleFactory {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// n draws from a normal distribution.
    mutating func normal(_ count: Int, mean: Double = 100, sd: Double = 15) -> [Double] {
        (0..<count).map { _ in mean + sd * RandomVariates.standardNormal(using: &generator) }
    }

    /// n draws from a log-normal distribution (latency-like, right skewed).
    mutating func lognormal(_ count: Int, logMean: Double = 3.9, logSD: Double = 0.6) -> [Double] {
        (0..<count).map { _ in Foundation.exp(logMean + logSD * RandomVariates.standardNormal(using: &generator)) }
    }

    /// n integer-valued draws (many ties).
    mutating func rounded(_ count: Int, mean: Double = 20, sd: Double = 3) -> [Double] {
        normal(count, mean: mean, sd: sd).map { $0.rounded() }
    }

    /// A uniform integer in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }
}

extension SampleFactory {
    /// A streamed run's inter-chunk gaps: `requests` requests of `chunks` gaps each, every request
    /// decoding at its own speed (log-normal with `requestSpread`) times `slowdown`, each gap
    /// jittered 5% around it. Returns the gaps and the request of each.
    mutating func streamedGaps(requests: Int, chunks: Int, requestSpread: Double, slowdown: Double = 1) -> (gaps: [Double], requests: [Int])
    {
        var gaps: [Double] = []
        var labels: [Int] = []
        for request in 0..<requests {
            let speed = 20 * slowdown * Foundation.exp(requestSpread * RandomVariates.standardNormal(using: &generator))
            for _ in 0..<chunks {
                gaps.append(speed * Foundation.exp(0.05 * RandomVariates.standardNormal(using: &generator)))
                labels.append(request)
            }
        }
        return (gaps, labels)
    }
}
