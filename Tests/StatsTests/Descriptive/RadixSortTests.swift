import Testing

@testable import Stats

/// The radix sort must order exactly as the standard library does for every finite double.
@Suite("Radix sort")
struct RadixSortTests {
    @Test(arguments: [4096, 5000, 100_003])
    func matchesStandardSortOnMixedValues(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let specials: [Double] = [
            0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 2.2250738585072014e-308,
        ]
        var values: [Double] = (0..<count).map { index in
            switch index % 5 {
            case 0: return specials[index % specials.count]
            case 1: return (RandomVariates.standardNormal(using: &generator) * 1000).rounded()  // many ties
            case 2: return Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)  // any finite positive
            case 3: return -Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            default: return RandomVariates.standardNormal(using: &generator)
            }
        }
        values.shuffle(using: &generator)
        let radix = RadixSort.sorted(values)
        let standard = values.sorted()
        // -0.0 and 0.0 compare equal, so compare as numbers, and check ascending order separately.
        #expect(radix.count == standard.count)
        #expect(zip(radix, standard).allSatisfy { $0 == $1 })
        #expect(zip(radix, radix.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func smallInputsUseTheComparisonSort() {
        #expect(RadixSort.sorted([3, 1, 2]) == [1, 2, 3])
        #expect(RadixSort.sorted([]) == [])
    }

    @Test func keysRoundTrip() {
        for value in [0.0, -0.0, 1.5, -1.5, .greatestFiniteMagnitude, -.leastNonzeroMagnitude] {
            #expect(RadixSort.value(RadixSort.key(value)).bitPattern == value.bitPattern)
        }
    }

    /// The payload moves with its value, in the stable order the standard library gives.
    @Test(arguments: [100, 50_000])
    func payloadFollowsItsValueStably(count: Int) {
        var generator = SeededGenerator(seed: 31)
        let values = (0..<count).map { _ in Double(Int.random(in: -500...500, using: &generator)) / 4 }
        let payload = (0..<count).map { Int32($0) }
        let radix = RadixSort.sorted(values, carrying: payload)
        let order = values.indices.sorted { values[$0] < values[$1] }
        #expect(radix.values == order.map { values[$0] })
        #expect(radix.payload == order.map { payload[$0] })
    }
}
