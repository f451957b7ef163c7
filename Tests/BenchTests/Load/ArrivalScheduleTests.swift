import LensCore
import Testing

@testable import Bench

/// Arrival processes have the configured rate and shape, and repeat for a seed.
@Suite struct ArrivalScheduleTests {
    static func gaps(_ load: LoadConfig, seed: UInt64 = 1, count: Int = 20_000) -> [Double] {
        var schedule = ArrivalSchedule(load: load, seed: seed)
        var previous = schedule.next()
        return (0..<count).map { _ in
            let next = schedule.next()
            defer { previous = next }
            return Double(next - previous) / 1e9
        }
    }

    static func meanAndCV(_ values: [Double]) -> (Double, Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
        return (mean, variance.squareRoot() / mean)
    }

    @Test(arguments: [0.25, 1.0, 4.0])
    func gammaHasTheRateAndTheBurstiness(burstiness: Double) {
        let (mean, cv) = Self.meanAndCV(Self.gaps(LoadConfig(mode: .open, rate: 50, arrival: .gamma, burstiness: burstiness)))
        // Mean 1/rate; coefficient of variation 1/sqrt(shape). 20,000 draws keep both within a few percent.
        #expect(abs(mean - 0.02) / 0.02 < 0.05)
        #expect(abs(cv - 1 / burstiness.squareRoot()) / (1 / burstiness.squareRoot()) < 0.08)
    }

    @Test func poissonHasExponentialGaps() {
        let (mean, cv) = Self.meanAndCV(Self.gaps(LoadConfig(mode: .open, rate: 2000, arrival: .poisson)))
        #expect(abs(mean - 0.0005) / 0.0005 < 0.05)
        #expect(abs(cv - 1) < 0.05)
    }

    @Test func constantAndBurstArrivals() {
        #expect(Set(Self.gaps(LoadConfig(mode: .open, rate: 10, arrival: .constant), count: 10)) == [0.1])
        let bursts = Self.gaps(LoadConfig(mode: .open, rate: 10, arrival: .burst, burstSize: 5), count: 10)
        #expect(bursts.filter { $0 == 0 }.count == 8)
        #expect(bursts.filter { abs($0 - 0.5) < 1e-9 }.count == 2)
    }

    @Test func sameSeedSameSchedule() {
        let load = LoadConfig(mode: .open, rate: 7, arrival: .gamma, burstiness: 0.5)
        #expect(Self.gaps(load, seed: 9, count: 100) == Self.gaps(load, seed: 9, count: 100))
        #expect(Self.gaps(load, seed: 9, count: 100) != Self.gaps(load, seed: 10, count: 100))
    }
}
