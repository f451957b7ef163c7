/// One process's place in a sharded run: shard `index` (0-based inside the code) of `count`.
///
/// Users write shards 1-based, `K/N` with 1 ≤ K ≤ N (GitLab's `CI_NODE_INDEX` is 1-based too);
/// Kubernetes' 0-based `JOB_COMPLETION_INDEX` is shifted by one when it is read. Request *i* of
/// the single-process run (0-based, measured requests only) belongs to shard *i* mod N, so the
/// shards' requests partition the single-process workload exactly (see docs/sharding.md).
public struct Shard: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 0-based position among the shards.
    public let index: Int
    /// How many shards share the run.
    public let count: Int

    /// The most shards one run may be split into (a matrix or Indexed Job of thousands is a typo).
    public static let maximumCount = 10_000

    /// Creates a shard from a 0-based index; fails when the index is outside 0..<count.
    public init(index: Int, count: Int) throws(ShardError) {
        guard (1...Self.maximumCount).contains(count) else { throw .badCount(count) }
        guard (0..<count).contains(index) else { throw .indexOutOfRange(oneBased: index + 1, count: count) }
        self.index = index
        self.count = count
    }

    /// Parses the 1-based `K/N` form users write (`--shard 2/4`).
    public init(parsing text: String, source: String = "--shard") throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingWhitespace), let n = Int(parts[1].trimmingWhitespace) else {
            throw .malformed(text, source: source)
        }
        guard (1...Self.maximumCount).contains(n) else { throw .badCount(n) }
        guard (1...n).contains(k) else { throw .indexOutOfRange(oneBased: k, count: n) }
        try self.init(index: k - 1, count: n)
    }

    /// `K/N`, 1-based, as users write it.
    public var description: String { "\(index + 1)/\(count)" }

    /// 1-based position, as files and messages show it.
    public var number: Int { index + 1 }

    /// This shard's part of `total` indivisible units (requests, concurrent streams): ⌊total/N⌋,
    /// plus one for the first `total mod N` shards, so that the shares add up to `total` exactly.
    /// It is also the number of indices *i* < total with *i* mod N = index (the round-robin split).
    public func share(of total: Int) -> Int {
        let total = max(0, total)
        return total / count + (index < total % count ? 1 : 0)
    }

    /// The single-process index of this shard's `local`-th request (0-based): index + local·N.
    public func globalIndex(ofLocal local: Int) -> Int { index + local * count }
}
