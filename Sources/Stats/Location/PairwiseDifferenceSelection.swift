import RealModule

/// Order statistics of the m·n pairwise differences yⱼ − xᵢ of two sorted samples, found
/// without forming them.
///
/// For a pivot v the differences ≤ v (or < v) in row i form a prefix of the sorted y, and
/// because floating-point subtraction is monotone that prefix only grows with i, so one
/// two-pointer sweep counts every row exactly in O(m + n). Wanted ranks are kept in groups;
/// each group has, per row, a window [lowᵢ, highᵢ) of columns that may still hold its ranks.
/// Every round, each group draws a uniform sample of its candidates and takes two sample
/// quantiles that bracket its ranks with high probability (Floyd & Rivest, CACM 18 (1975)
/// 165–172); one sweep then counts both pivots in every row and narrows the window. A
/// group whose ranks are too far apart to share a bracket splits. When few candidates remain
/// they are gathered and the ranks picked by quickselect. The sampling seed is fixed and only
/// affects speed: answers are exact. For 10⁶ × 10⁶, the median pair and both interval bounds
/// take eight sweeps (two shared, then two per group), about a quarter of a second.
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

    /// A set of ranks sharing one window, stored in slot `slot` of the edge arrays.
    private struct Group {
        var ranks: [Int]
        var slot: Int
        /// Differences below the window (Σ lowᵢ).
        var below: Int
        /// Differences below the window's upper edges (Σ highᵢ).
        var highTotal: Int
        var candidates: Int { highTotal - below }
    }

    /// Per-slot window edges (one array of m column counts each) and the sweep's outputs.
    private struct Edges {
        var low: [[Int]]
        var high: [[Int]]
        /// Per-row counts of the last sweep (< first pivot); swapped into a window when used.
        var countLess: [Int]
        /// Per-row counts of the last sweep (≤ second pivot); swapped into a window when used.
        var countLessOrEqual: [Int]
    }

    /// The differences of the given ranks (1-based, each in 1…m·n), in the order given.
    func elements(ranks: [Int]) -> [Double] {
        let m = x.count
        let slots = ranks.count
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        // Slot 0 starts with every column; other slots are filled by copying when a group splits.
        var edges = Edges(
            low: [[Int](repeating: 0, count: m)] + Array(repeating: [], count: slots - 1),
            high: [[Int](repeating: y.count, count: m)] + Array(repeating: [], count: slots - 1),
            countLess: [Int](repeating: 0, count: m), countLessOrEqual: [Int](repeating: 0, count: m))
        var pending = [Group(ranks: order.map { ranks[$0] }, slot: 0, below: 0, highTotal: m * y.count)]
        var freeSlots = Array(1..<slots)
        var found: [Int: Double] = [:]
        var generator = SeededGenerator(seed: Self.samplingSeed)
        while !pending.isEmpty {
            // Split groups whose ranks spread over more than 1/splitRatio of their candidates.
            var active: [Group] = []
            for group in pending {
                active += split(group, &edges, &freeSlots)
            }
            pending = []
            var sweeping: [Group] = []
            for group in active {
                if group.candidates <= gatherLimit {
                    for (rank, value) in gatherAndSelect(group, edges, using: &generator) { found[rank] = value }
                    freeSlots.append(group.slot)
                } else {
                    sweeping.append(group)
                }
            }
            if sweeping.isEmpty { break }
            for var group in sweeping {
                let pivots = pivotPair(for: group, edges, using: &generator)
                let before = group.candidates
                let totals = sweep(group.slot, pivots, &edges)
                narrow(&group, lessTotal: totals.less, lessOrEqualTotal: totals.lessOrEqual, &edges)
                if group.candidates < before {
                    pending.append(group)
                    continue
                }
                // No progress: every candidate ties with a pivot. Resolve rank by rank with
                // exact equality tests on each pivot.
                pending += resolveTies(group, pivots, &edges, &freeSlots, &found)
            }
        }
        // Every rank is resolved when no group is pending; .nan is unreachable.
        return ranks.map { found[$0] ?? .nan }
    }

    /// Splits a group at its widest rank gap while the spread is large against its window.
    private func split(_ group: Group, _ edges: inout Edges, _ freeSlots: inout [Int]) -> [Group] {
        let ranks = group.ranks
        guard ranks.count > 1, group.candidates > gatherLimit,
            (ranks[ranks.count - 1] - ranks[0]) * Self.splitRatio > group.candidates
        else { return [group] }
        var gap = 1
        for index in 1..<ranks.count where ranks[index] - ranks[index - 1] > ranks[gap] - ranks[gap - 1] {
            gap = index
        }
        var left = group
        left.ranks = Array(ranks[..<gap])
        var right = group
        right.ranks = Array(ranks[gap...])
        right.slot = freeSlots.removeLast()
        copySlot(from: group.slot, to: right.slot, &edges)
        return split(left, &edges, &freeSlots) + split(right, &edges, &freeSlots)
    }

    /// Narrows a group's window with the counts of the last sweep (< first pivot, ≤ second).
    private func narrow(_ group: inout Group, lessTotal: Int, lessOrEqualTotal: Int, _ edges: inout Edges) {
        let lowest = group.ranks[0]
        let highest = group.ranks[group.ranks.count - 1]
        // Each count array is used for at most one edge (the ranks are ordered), and swapping
        // hands the old edge's storage back as scratch, so nothing is copied.
        if lessTotal >= highest {
            swap(&edges.high[group.slot], &edges.countLess)
            group.highTotal = lessTotal
        } else if lessOrEqualTotal >= highest {
            swap(&edges.high[group.slot], &edges.countLessOrEqual)
            group.highTotal = lessOrEqualTotal
        }
        if lessOrEqualTotal < lowest {
            swap(&edges.low[group.slot], &edges.countLessOrEqual)
            group.below = lessOrEqualTotal
        } else if lessTotal < lowest {
            swap(&edges.low[group.slot], &edges.countLess)
            group.below = lessTotal
        }
    }

    /// When a sweep cannot shrink a window (its ranks straddle a pivot, or every candidate ties
    /// with one), counting < and ≤ each pivot places every rank exactly: equal to a pivot, or in
    /// a private window below the first pivot, strictly between the pivots, or above the second.
    /// Each private window excludes at least one pivot, so the search progresses.
    private func resolveTies(
        _ group: Group, _ pivots: (Double, Double), _ edges: inout Edges, _ freeSlots: inout [Int],
        _ found: inout [Int: Double]
    ) -> [Group] {
        let (first, second) = pivots
        let atFirst = sweep(group.slot, (first, first), &edges)
        let atSecond = sweep(group.slot, (second, second), &edges)
        // For each remaining rank, the pivot pair whose sweep yields its new edges, and which
        // of the two counts become the upper (<) and lower (≤) edges.
        var placed: [(rank: Int, pivots: (Double, Double), setHigh: Bool, setLow: Bool)] = []
        for rank in group.ranks {
            if rank <= atFirst.less {
                placed.append((rank, (first, first), true, false))
            } else if rank <= atFirst.lessOrEqual {
                found[rank] = first
            } else if rank <= atSecond.less {
                placed.append((rank, (second, first), true, true))
            } else if rank <= atSecond.lessOrEqual {
                found[rank] = second
            } else {
                placed.append((rank, (second, second), false, true))
            }
        }
        guard !placed.isEmpty else {
            freeSlots.append(group.slot)
            return []
        }
        // One slot per remaining rank: the group's own and free ones, copied before any change.
        var singles: [Group] = []
        for (index, entry) in placed.enumerated() {
            var single = group
            single.ranks = [entry.rank]
            if index > 0 {
                single.slot = freeSlots.removeLast()
                copySlot(from: group.slot, to: single.slot, &edges)
            }
            singles.append(single)
        }
        for (index, entry) in placed.enumerated() {
            let slot = singles[index].slot
            let counted = sweep(slot, entry.pivots, &edges)
            if entry.setHigh {
                singles[index].highTotal = counted.less
                swap(&edges.high[slot], &edges.countLess)
            }
            if entry.setLow {
                singles[index].below = counted.lessOrEqual
                swap(&edges.low[slot], &edges.countLessOrEqual)
            }
        }
        return singles
    }

    /// Two pivots from a sorted sample of the group's candidates, bracketing its ranks.
    private func pivotPair(for group: Group, _ edges: Edges, using generator: inout SeededGenerator) -> (Double, Double) {
        var sample = drawSample(group, edges, using: &generator)
        let scale = Double(sample.count) / Double(group.candidates)
        let spread = Self.bracketWidth * (Double(sample.count) * 0.25).squareRoot() + 2
        let lowest = group.ranks[0]
        let highest = group.ranks[group.ranks.count - 1]
        let firstIndex = max(0, min(sample.count - 1, Int(Double(lowest - group.below - 1) * scale - spread)))
        let secondIndex = max(firstIndex, min(sample.count - 1, Int(Double(highest - group.below) * scale + spread)))
        let first = QuickSelect.element(&sample, index: firstIndex, using: &generator)
        let second = QuickSelect.element(&sample, index: secondIndex, from: firstIndex, using: &generator)
        return (first, second)
    }

    /// A uniform sample (with replacement) of the group's candidate differences. Sorted
    /// positions come from cumulative exponential spacings (Devroye, "Non-Uniform Random Variate
    /// Generation" (1986) §V.2), so rows and positions are walked together once.
    private func drawSample(_ group: Group, _ edges: Edges, using generator: inout SeededGenerator) -> [Double] {
        // Small windows need no big sample (only reachable with a lowered gather limit).
        let size = min(Self.sampleSize, max(64, group.candidates / 8))
        var spacings = [Double](repeating: 0, count: size + 1)
        var total = 0.0
        for index in 0...size {
            total += -Double.log(generator.nextOpenUnit())
            spacings[index] = total
        }
        let low = edges.low[group.slot]
        let high = edges.high[group.slot]
        var sample = [Double]()
        sample.reserveCapacity(size)
        var row = 0
        var rowStart = 0
        var rowEnd = high[0] - low[0]
        for index in 0..<size {
            let position = min(Int(spacings[index] / total * Double(group.candidates)), group.candidates - 1)
            while rowEnd <= position {
                row += 1
                rowStart = rowEnd
                rowEnd += high[row] - low[row]
            }
            sample.append(y[low[row] + (position - rowStart)] - x[row])
        }
        return sample
    }

    /// One pass over the rows of a slot's window: per-row counts of differences below the first
    /// pivot (<) and up to the second (≤), written to the scratch arrays; returns their totals.
    ///
    /// A count never decreases with the row and lies in [lowᵢ, highᵢ]. The rows are cut into
    /// four segments swept in lockstep, so four independent pointer chains overlap in the
    /// pipeline (a segment's pointer starts at its first lowᵢ, which is a valid lower bound);
    /// each step compares the next three columns at once (independent loads; the true ones
    /// form a prefix since y is sorted) and a loop finishes the rare longer moves.
    private func sweep(_ slot: Int, _ pivots: (Double, Double), _ edges: inout Edges) -> (less: Int, lessOrEqual: Int) {
        let m = x.count
        let (first, second) = pivots
        var totals = (less: 0, lessOrEqual: 0)
        x.withUnsafeBufferPointer { xs in
            paddedY.withUnsafeBufferPointer { ys in
                edges.low[slot].withUnsafeBufferPointer { lows in
                    edges.high[slot].withUnsafeBufferPointer { highs in
                        edges.countLess.withUnsafeMutableBufferPointer { less in
                            edges.countLessOrEqual.withUnsafeMutableBufferPointer { lessOrEqual in
                                @inline(__always)
                                func step(_ i: Int, _ p: inout Int, _ q: inout Int) {
                                    let xi = xs[i]
                                    let end = highs[i]
                                    p = max(p, lows[i])
                                    p &+=
                                        ((p < end && ys[p] - xi < first) ? 1 : 0)
                                        &+ ((p + 1 < end && ys[p + 1] - xi < first) ? 1 : 0)
                                        &+ ((p + 2 < end && ys[p + 2] - xi < first) ? 1 : 0)
                                    while p < end, ys[p] - xi < first { p += 1 }
                                    q = max(q, lows[i])  // not p: resolveTies sweeps with swapped pivots
                                    q &+=
                                        ((q < end && ys[q] - xi <= second) ? 1 : 0)
                                        &+ ((q + 1 < end && ys[q + 1] - xi <= second) ? 1 : 0)
                                        &+ ((q + 2 < end && ys[q + 2] - xi <= second) ? 1 : 0)
                                    while q < end, ys[q] - xi <= second { q += 1 }
                                    less[i] = p
                                    lessOrEqual[i] = q
                                }
                                let segment = m / 4
                                var (p0, q0, p1, q1, p2, q2, p3, q3) = (0, 0, 0, 0, 0, 0, 0, 0)
                                for t in 0..<segment {
                                    step(t, &p0, &q0)
                                    step(segment + t, &p1, &q1)
                                    step(2 * segment + t, &p2, &q2)
                                    step(3 * segment + t, &p3, &q3)
                                }
                                for i in (4 * segment)..<m { step(i, &p3, &q3) }
                                var lessTotal = 0
                                var lessOrEqualTotal = 0
                                for i in 0..<m {
                                    lessTotal &+= less[i]
                                    lessOrEqualTotal &+= lessOrEqual[i]
                                }
                                totals = (lessTotal, lessOrEqualTotal)
                            }
                        }
                    }
                }
            }
        }
        return totals
    }

    /// Copies a slot's window to another slot into fresh storage, so that no two edge or
    /// scratch arrays ever share a buffer (a shared one would be copied silently mid-sweep).
    private func copySlot(from source: Int, to target: Int, _ edges: inout Edges) {
        edges.low[target] = edges.low[source].withUnsafeBufferPointer { Array($0) }
        edges.high[target] = edges.high[source].withUnsafeBufferPointer { Array($0) }
    }

    /// Gathers a group's candidate differences and picks each of its ranks by quickselect.
    private func gatherAndSelect(_ group: Group, _ edges: Edges, using generator: inout SeededGenerator) -> [(Int, Double)] {
        let low = edges.low[group.slot]
        let high = edges.high[group.slot]
        var gathered = [Double]()
        gathered.reserveCapacity(group.candidates)
        for i in 0..<x.count where low[i] < high[i] {
            let xi = x[i]
            for j in low[i]..<high[i] { gathered.append(y[j] - xi) }
        }
        // Ranks ascend, so each search can start at the previous one's position.
        var start = 0
        return group.ranks.map { rank in
            let index = rank - group.below - 1
            let value = QuickSelect.element(&gathered, index: index, from: start, using: &generator)
            start = index
            return (rank, value)
        }
    }

    /// Candidates at or below this count (1 Mi) are gathered and quickselected (~10 ms).
    static let defaultGatherLimit = 1 << 20
    /// Ranks share a window only while their spread is under 1/8 of its candidates; beyond that
    /// a shared bracket cannot cut the window much, so the group splits.
    static let splitRatio = 8
    /// Sample size per round: brackets of ±3.5 binomial standard deviations of the sample rank
    /// then cover about 2% of the candidates (3.5/√s), a 50-fold cut per round, so that two
    /// rounds bring a split group from ~2·10⁹ candidates (10⁶ × 10⁶) under the gather limit.
    static let sampleSize = 1 << 15
    /// Half-width of the pivot bracket in standard deviations; a miss (probability ~5e-4 per
    /// round) only costs one more round.
    static let bracketWidth = 3.5
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
