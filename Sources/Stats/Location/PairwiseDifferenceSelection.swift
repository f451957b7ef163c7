/// Order statistics of the m·n pairwise differences yⱼ − xᵢ of two sorted samples, found
/// without forming them.
///
/// For a pivot v the differences ≤ v (or < v) in row i form a prefix of the sorted y, and
/// because floating-point subtraction is monotone that prefix only grows with i, so one
/// two-pointer sweep counts every row exactly in O(m + n). The search keeps, per row, a window
/// [lowᵢ, highᵢ) of columns that may still hold a wanted rank. Each round draws a uniform
/// sample of the remaining candidates, takes two sample quantiles that bracket the wanted ranks
/// with high probability (Floyd & Rivest, CACM 18 (1975) 165–172) and narrows every window with
/// one sweep. Nearby ranks (the two middle ones, or a whole interval) share rounds until their
/// bracket stops shrinking, then split. When few candidates remain they are gathered and the
/// ranks picked by quickselect. The sample's fixed seed only affects speed: answers are exact.
/// For 10⁶ × 10⁶ the median and both interval bounds take about a dozen sweeps.
struct PairwiseDifferenceSelection {
    /// The first sample, ascending (rows, subtracted).
    let x: [Double]
    /// The second sample, ascending (columns).
    let y: [Double]
    /// `y` followed by three +∞ sentinels, so the sweep may read up to three past a window's end.
    private let paddedY: [Double]

    /// Windows at or below this many candidates are gathered (tests lower it to exercise rounds).
    let gatherLimit: Int

    /// Prepares the selection for rows `x` and columns `y`, both ascending.
    init(x: [Double], y: [Double], gatherLimit: Int = Self.defaultGatherLimit) {
        self.x = x
        self.y = y
        self.gatherLimit = gatherLimit
        paddedY = y + [.infinity, .infinity, .infinity]
    }

    /// The differences of the given ranks (1-based, each in 1…m·n), in the order given.
    func elements(ranks: [Int]) -> [Double] {
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        let sortedRanks = order.map { ranks[$0] }
        var generator = SeededGenerator(seed: Self.samplingSeed)
        let window = Window(
            low: [Int](repeating: 0, count: x.count), high: [Int](repeating: y.count, count: x.count),
            below: 0, highTotal: x.count * y.count)
        var found = [Double](repeating: 0, count: ranks.count)
        var scratch = Scratch(rows: x.count)
        let values = select(sortedRanks, in: window, scratch: &scratch, using: &generator)
        for (position, index) in order.enumerated() { found[index] = values[position] }
        return found
    }

    /// The columns of every row that may still hold a wanted rank.
    private struct Window {
        var low: [Int]
        var high: [Int]
        /// Differences known to lie below the window (Σ lowᵢ).
        var below: Int
        /// Differences below the window's upper edges (Σ highᵢ).
        var highTotal: Int
        /// Differences inside the window.
        var candidates: Int { highTotal - below }
    }

    /// Buffers reused by every round, so a sweep allocates nothing.
    private struct Scratch {
        var counts: PivotCounts

        init(rows: Int) {
            let zeros = [Int](repeating: 0, count: rows)
            counts = PivotCounts(lessFirst: zeros, lessOrEqualFirst: zeros, lessSecond: zeros, lessOrEqualSecond: zeros)
        }
    }

    /// Counts of differences < and ≤ two pivots in every row (absolute column counts, so the
    /// totals are ranks among all m·n differences), restricted to the window.
    private struct PivotCounts {
        var lessFirst: [Int]
        var lessOrEqualFirst: [Int]
        var lessSecond: [Int]
        var lessOrEqualSecond: [Int]
        var totals = (lessFirst: 0, lessOrEqualFirst: 0, lessSecond: 0, lessOrEqualSecond: 0)
    }

    /// The values of `ranks` (ascending) among the differences in `window`.
    private func select(
        _ ranks: [Int], in start: Window, scratch: inout Scratch, using generator: inout SeededGenerator
    ) -> [Double] {
        var window = start
        let lowest = ranks[0]
        let highest = ranks[ranks.count - 1]
        while window.candidates > gatherLimit {
            if ranks.count > 1, (highest - lowest) * Self.splitRatio > window.candidates {
                // The wanted ranks are too far apart to share a bracket: split at the widest gap
                // and finish each group from the current window.
                var gapIndex = 1
                for index in 1..<ranks.count where ranks[index] - ranks[index - 1] > ranks[gapIndex] - ranks[gapIndex - 1] {
                    gapIndex = index
                }
                return select(Array(ranks[..<gapIndex]), in: window, scratch: &scratch, using: &generator)
                    + select(Array(ranks[gapIndex...]), in: window, scratch: &scratch, using: &generator)
            }
            let sample = drawSample(window, using: &generator)
            let scale = Double(sample.count) / Double(window.candidates)
            let spread = Self.bracketWidth * (Double(sample.count) * 0.25).squareRoot() + 2
            let firstIndex = Int(Double(lowest - window.below - 1) * scale - spread)
            let secondIndex = Int(Double(highest - window.below) * scale + spread)
            let first = sample[max(0, min(sample.count - 1, firstIndex))]
            let second = sample[max(0, min(sample.count - 1, secondIndex))]
            let before = window.candidates
            // Usually counting < first and ≤ second suffices; only when that cannot shrink the
            // window (all candidates tie with a pivot) are all four counts needed.
            countRows(first, second, in: window, into: &scratch.counts, allFour: false)
            narrowJoint(lowest, highest, &scratch.counts, &window, allFour: false)
            if window.candidates < before { continue }
            countRows(first, second, in: window, into: &scratch.counts, allFour: true)
            if ranks.count == 1 {
                if let value = narrowSingle(rank: lowest, first, second, &scratch.counts, &window) {
                    return [value]
                }
                continue
            }
            narrowJoint(lowest, highest, &scratch.counts, &window, allFour: true)
            if window.candidates == before {
                // Every remaining candidate ties with a pivot: finish the ranks one at a time.
                return ranks.flatMap { select([$0], in: window, scratch: &scratch, using: &generator) }
            }
        }
        return gatherAndSelect(ranks, in: window, using: &generator)
    }

    /// Narrows the window around one rank with both pivots; returns a pivot that is the answer.
    private func narrowSingle(
        rank k: Int, _ first: Double, _ second: Double, _ counts: inout PivotCounts, _ window: inout Window
    ) -> Double? {
        let totals = counts.totals
        if totals.lessFirst >= k {
            setHigh(&counts.lessFirst, total: totals.lessFirst, &window)
        } else if totals.lessOrEqualFirst >= k {
            return first
        } else if totals.lessSecond >= k {
            setHigh(&counts.lessSecond, total: totals.lessSecond, &window)
            setLow(&counts.lessOrEqualFirst, total: totals.lessOrEqualFirst, &window)
        } else if totals.lessOrEqualSecond >= k {
            return second
        } else {
            setLow(&counts.lessOrEqualSecond, total: totals.lessOrEqualSecond, &window)
        }
        return nil
    }

    /// Narrows the window so that it still contains every rank in [lowest, highest].
    private func narrowJoint(
        _ lowest: Int, _ highest: Int, _ counts: inout PivotCounts, _ window: inout Window, allFour: Bool
    ) {
        let totals = counts.totals
        if !allFour {
            if totals.lessFirst >= highest {
                setHigh(&counts.lessFirst, total: totals.lessFirst, &window)
            } else if totals.lessOrEqualSecond >= highest {
                setHigh(&counts.lessOrEqualSecond, total: totals.lessOrEqualSecond, &window)
            }
            if totals.lessOrEqualSecond < lowest {
                setLow(&counts.lessOrEqualSecond, total: totals.lessOrEqualSecond, &window)
            } else if totals.lessFirst < lowest {
                setLow(&counts.lessFirst, total: totals.lessFirst, &window)
            }
            return
        }
        // New upper edge: the tightest count that still reaches the highest rank.
        if totals.lessFirst >= highest {
            setHigh(&counts.lessFirst, total: totals.lessFirst, &window)
        } else if totals.lessOrEqualFirst >= highest {
            setHigh(&counts.lessOrEqualFirst, total: totals.lessOrEqualFirst, &window)
        } else if totals.lessSecond >= highest {
            setHigh(&counts.lessSecond, total: totals.lessSecond, &window)
        } else if totals.lessOrEqualSecond >= highest {
            setHigh(&counts.lessOrEqualSecond, total: totals.lessOrEqualSecond, &window)
        }
        // New lower edge: the largest count that stays below the lowest rank.
        if totals.lessOrEqualSecond < lowest {
            setLow(&counts.lessOrEqualSecond, total: totals.lessOrEqualSecond, &window)
        } else if totals.lessSecond < lowest {
            setLow(&counts.lessSecond, total: totals.lessSecond, &window)
        } else if totals.lessOrEqualFirst < lowest {
            setLow(&counts.lessOrEqualFirst, total: totals.lessOrEqualFirst, &window)
        } else if totals.lessFirst < lowest {
            setLow(&counts.lessFirst, total: totals.lessFirst, &window)
        }
    }

    /// Makes `counts` (which lie inside the window, totalling `total`) the upper edges; the old
    /// edges' storage is handed back to `counts` for reuse.
    private func setHigh(_ counts: inout [Int], total: Int, _ window: inout Window) {
        swap(&window.high, &counts)
        window.highTotal = total
    }

    /// Makes `counts` (which lie inside the window, totalling `total`) the lower edges.
    private func setLow(_ counts: inout [Int], total: Int, _ window: inout Window) {
        swap(&window.low, &counts)
        window.below = total
    }

    /// One sweep: per-row counts of differences < and ≤ each pivot, inside the window.
    private func countRows(
        _ first: Double, _ second: Double, in window: Window, into counts: inout PivotCounts, allFour: Bool
    ) {
        if !allFour {
            countLessAndLessOrEqual(first, second, in: window, into: &counts)
            return
        }
        let m = x.count
        var totals = (0, 0, 0, 0)
        x.withUnsafeBufferPointer { xs in
            paddedY.withUnsafeBufferPointer { ys in
                window.low.withUnsafeBufferPointer { lows in
                    window.high.withUnsafeBufferPointer { highs in
                        counts.lessFirst.withUnsafeMutableBufferPointer { lessFirst in
                            counts.lessOrEqualFirst.withUnsafeMutableBufferPointer { lessOrEqualFirst in
                                counts.lessSecond.withUnsafeMutableBufferPointer { lessSecond in
                                    counts.lessOrEqualSecond.withUnsafeMutableBufferPointer { lessOrEqualSecond in
                                        var p1 = 0, p2 = 0, p3 = 0, p4 = 0
                                        for i in 0..<m {
                                            let xi = xs[i]
                                            let end = highs[i]
                                            // Each count is non-decreasing in i, lies in [lowᵢ, highᵢ],
                                            // and p1 ≤ p2 ≤ p3 ≤ p4 because first ≤ second. A few
                                            // branch-free steps cover the usual short moves (ys ends in a
                                            // +∞ sentinel, so reading ys[end] is safe); loops finish
                                            // the rare long ones.
                                            p1 = max(p1, lows[i])
                                            p1 &+= ((p1 < end && ys[p1] - xi < first) ? 1 : 0)
                                                &+ ((p1 + 1 < end && ys[p1 + 1] - xi < first) ? 1 : 0)
                                                &+ ((p1 + 2 < end && ys[p1 + 2] - xi < first) ? 1 : 0)
                                            while p1 < end, ys[p1] - xi < first { p1 += 1 }
                                            p2 = max(p2, p1)
                                            p2 &+= ((p2 < end && ys[p2] - xi <= first) ? 1 : 0)
                                                &+ ((p2 + 1 < end && ys[p2 + 1] - xi <= first) ? 1 : 0)
                                                &+ ((p2 + 2 < end && ys[p2 + 2] - xi <= first) ? 1 : 0)
                                            while p2 < end, ys[p2] - xi <= first { p2 += 1 }
                                            p3 = max(p3, p2)
                                            p3 &+= ((p3 < end && ys[p3] - xi < second) ? 1 : 0)
                                                &+ ((p3 + 1 < end && ys[p3 + 1] - xi < second) ? 1 : 0)
                                                &+ ((p3 + 2 < end && ys[p3 + 2] - xi < second) ? 1 : 0)
                                            while p3 < end, ys[p3] - xi < second { p3 += 1 }
                                            p4 = max(p4, p3)
                                            p4 &+= ((p4 < end && ys[p4] - xi <= second) ? 1 : 0)
                                                &+ ((p4 + 1 < end && ys[p4 + 1] - xi <= second) ? 1 : 0)
                                                &+ ((p4 + 2 < end && ys[p4 + 2] - xi <= second) ? 1 : 0)
                                            while p4 < end, ys[p4] - xi <= second { p4 += 1 }
                                            lessFirst[i] = p1
                                            lessOrEqualFirst[i] = p2
                                            lessSecond[i] = p3
                                            lessOrEqualSecond[i] = p4
                                            totals.0 &+= p1
                                            totals.1 &+= p2
                                            totals.2 &+= p3
                                            totals.3 &+= p4
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        counts.totals = (totals.0, totals.1, totals.2, totals.3)
    }

    /// The sweep for the common case: differences < first and ≤ second only.
    private func countLessAndLessOrEqual(
        _ first: Double, _ second: Double, in window: Window, into counts: inout PivotCounts
    ) {
        let m = x.count
        var totals = (0, 0)
        x.withUnsafeBufferPointer { xs in
            paddedY.withUnsafeBufferPointer { ys in
                window.low.withUnsafeBufferPointer { lows in
                    window.high.withUnsafeBufferPointer { highs in
                        counts.lessFirst.withUnsafeMutableBufferPointer { lessFirst in
                            counts.lessOrEqualSecond.withUnsafeMutableBufferPointer { lessOrEqualSecond in
                                var p1 = 0, p4 = 0
                                for i in 0..<m {
                                    let xi = xs[i]
                                    let end = highs[i]
                                    p1 = max(p1, lows[i])
                                    p4 = max(p4, p1)
                                    p1 &+= ((p1 < end && ys[p1] - xi < first) ? 1 : 0)
                                        &+ ((p1 + 1 < end && ys[p1 + 1] - xi < first) ? 1 : 0)
                                        &+ ((p1 + 2 < end && ys[p1 + 2] - xi < first) ? 1 : 0)
                                    p4 &+= ((p4 < end && ys[p4] - xi <= second) ? 1 : 0)
                                        &+ ((p4 + 1 < end && ys[p4 + 1] - xi <= second) ? 1 : 0)
                                        &+ ((p4 + 2 < end && ys[p4 + 2] - xi <= second) ? 1 : 0)
                                    while p1 < end, ys[p1] - xi < first { p1 += 1 }
                                    p4 = max(p4, p1)
                                    while p4 < end, ys[p4] - xi <= second { p4 += 1 }
                                    lessFirst[i] = p1
                                    lessOrEqualSecond[i] = p4
                                    totals.0 &+= p1
                                    totals.1 &+= p4
                                }
                            }
                        }
                    }
                }
            }
        }
        counts.totals = (totals.0, 0, 0, totals.1)
    }

    /// A sorted uniform sample (with replacement) of the differences inside the window.
    private func drawSample(_ window: Window, using generator: inout SeededGenerator) -> [Double] {
        // Small windows need no big sample (only reachable with a lowered gather limit).
        let size = min(Self.sampleSize, max(64, window.candidates / 8))
        var positions = (0..<size).map { _ in Int.random(in: 0..<window.candidates, using: &generator) }
        positions.sort()
        // Walk rows and sorted positions together, accumulating window widths: a position
        // belongs to the first row whose cumulative width exceeds it.
        var sample = [Double]()
        sample.reserveCapacity(positions.count)
        var row = 0
        var rowStart = 0
        var rowEnd = window.high[0] - window.low[0]
        for position in positions {
            while rowEnd <= position {
                row += 1
                rowStart = rowEnd
                rowEnd += window.high[row] - window.low[row]
            }
            sample.append(y[window.low[row] + (position - rowStart)] - x[row])
        }
        sample.sort()
        return sample
    }

    /// Gathers the window's differences and picks each rank by quickselect.
    private func gatherAndSelect(_ ranks: [Int], in window: Window, using generator: inout SeededGenerator) -> [Double] {
        var gathered = [Double]()
        gathered.reserveCapacity(window.candidates)
        for i in 0..<x.count where window.low[i] < window.high[i] {
            let xi = x[i]
            for j in window.low[i]..<window.high[i] { gathered.append(y[j] - xi) }
        }
        // Ranks ascend, so each search can start right after the previous one's position.
        var start = 0
        return ranks.map { rank in
            let index = rank - window.below - 1
            let value = QuickSelect.element(&gathered, index: index, from: start, using: &generator)
            start = index
            return value
        }
    }

    /// Candidates at or below this count (512 Ki) are gathered and quickselected (~5 ms).
    static let defaultGatherLimit = 1 << 19
    /// Ranks share rounds only while their spread is under 1/8 of the candidates; beyond that
    /// a shared bracket cannot cut the window much, so the group splits first.
    static let splitRatio = 8
    /// Sample size per round: brackets of ±4.5 binomial standard deviations of the sample rank
    /// then cover about 2.5% of the candidates (4.5/√s), a 40-fold cut per round.
    static let sampleSize = 1 << 15
    // Each sweep first compares the next three columns of a row at once (independent loads,
    // no branches; sortedness makes the true comparisons a prefix, so their sum is the move)
    // and only then loops: with m ≈ n a pointer moves about once per row.
    /// Half-width of the pivot bracket in standard deviations (a miss only costs one round).
    static let bracketWidth = 4.5
    /// Fixed seed for the pivot samples: results never depend on it, only the running time.
    static let samplingSeed: UInt64 = 0x5EED_4C45_4E53
}

/// Hoare's FIND (quickselect) with random pivots: the element that would sit at `index` if the
/// array were sorted, in expected linear time (C. A. R. Hoare, CACM 4 (1961) 321).
enum QuickSelect {
    /// Partially reorders `values` and returns the element of sorted position `index`, given
    /// that `values[..<start]` already holds the `start` smallest elements.
    static func element(
        _ values: inout [Double], index: Int, from start: Int = 0, using generator: inout SeededGenerator
    ) -> Double {
        var low = start
        var high = values.count - 1
        while low < high {
            let pivot = values[Int.random(in: low...high, using: &generator)]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[low...j] ≤ pivot ≤ values[i...high] and everything between equals it.
            if index <= j {
                high = j
            } else if index >= i {
                low = i
            } else {
                return values[index]
            }
        }
        return values[index]
    }
}
