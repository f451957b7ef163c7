/// Ascending sort of finite doubles by least-significant-digit radix sort.
///
/// The standard library's `sorted()` is a stable merge sort; on a million doubles it took about
/// 100 ms on the reference machine, half of a whole `check` run. Radix sort needs four linear
/// passes over 16-bit digits of an order-preserving integer key (flip all bits of negatives, set
/// the sign bit of non-negatives: IEEE 754 order then equals unsigned integer order), about 15 ms.
/// Below `threshold` values the comparison sort is faster and is used instead.
enum RadixSort {
    /// Below this size the counting arrays cost more than they save.
    static let threshold = 4096

    static func sorted(_ values: [Double]) -> [Double] {
        guard values.count >= threshold else { return values.sorted() }
        return sortedKeys(values, carrying: nil).keys.map(value)
    }

    /// `values` ascending, each moved with its entry of `payload` (same length): the stable order
    /// by value, as the standard library's sort by value would give.
    static func sorted(_ values: [Double], carrying payload: [Int32]) -> (values: [Double], payload: [Int32]) {
        guard values.count >= threshold else {
            let order = values.indices.sorted { values[$0] < values[$1] }
            return (order.map { values[$0] }, order.map { payload[$0] })
        }
        let sorted = sortedKeys(values, carrying: payload)
        return (sorted.keys.map(value), sorted.payload ?? [])
    }

    /// The order-preserving keys of `values`, ascending (LSD passes are stable), with `payload` moved alike.
    private static func sortedKeys(_ values: [Double], carrying payload: [Int32]?) -> (keys: [UInt64], payload: [Int32]?) {
        let count = values.count
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = key(values[index]) }
            initialized = count
        }
        var scratch = [UInt64](repeating: 0, count: count)
        var carried = payload
        var carriedScratch = payload.map { [Int32](repeating: 0, count: $0.count) }
        // All four histograms in one pass; a digit that is the same for every key needs no pass.
        var histograms = [Int](repeating: 0, count: 4 * 65_536)
        histograms.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeBufferPointer { source in
                for key in source {
                    counts[Int(key & 0xFFFF)] += 1
                    counts[65_536 + Int((key >> 16) & 0xFFFF)] += 1
                    counts[131_072 + Int((key >> 32) & 0xFFFF)] += 1
                    counts[196_608 + Int(key >> 48)] += 1
                }
            }
        }
        for pass in 0..<4 {
            let offset = pass * 65_536
            let shift = UInt64(pass * 16)
            if histograms[offset..<(offset + 65_536)].contains(count) { continue }
            var starts = [Int](repeating: 0, count: 65_536)
            var total = 0
            for digit in 0..<65_536 {
                starts[digit] = total
                total += histograms[offset + digit]
            }
            if var moving = carried, var movingTarget = carriedScratch {
                var next = starts
                keys.withUnsafeBufferPointer { source in
                    moving.withUnsafeBufferPointer { payloadSource in
                        movingTarget.withUnsafeMutableBufferPointer { payloadTarget in
                            for (index, key) in source.enumerated() {
                                let digit = Int((key >> shift) & 0xFFFF)
                                payloadTarget[next[digit]] = payloadSource[index]
                                next[digit] += 1
                            }
                        }
                    }
                }
                swap(&moving, &movingTarget)
                carried = moving
                carriedScratch = movingTarget
            }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    starts.withUnsafeMutableBufferPointer { next in
                        for key in source {
                            let digit = Int((key >> shift) & 0xFFFF)
                            target[next[digit]] = key
                            next[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
        return (keys, carried)
    }

    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
