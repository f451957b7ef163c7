/// Why a shard could not be named or a run could not be split into shards (a usage error, exit 2).
public enum ShardError: DiagnosedError, Equatable {
    /// The text is not `K/N`.
    case malformed(String, source: String)
    /// N is outside 1…`Shard.maximumCount`.
    case badCount(Int)
    /// K is outside 1…N.
    case indexOutOfRange(oneBased: Int, count: Int)
    /// `--shard auto` found none of the variables it reads.
    case noEnvironment
    /// An index variable is set but the total it needs is not, or a variable is not a whole number.
    case environment(String)
    /// A scenario's load cannot be split over this many shards (some shard would get nothing).
    case unsplittable(scenario: String, what: String, total: Int, count: Int)

    public var exitStatus: ExitStatus { .inputError }

    public var description: String {
        switch self {
        case .malformed(let text, let source):
            "\(source): '\(text)' is not a shard K/N (e.g. 2/4: the second of four shards, counted from 1)"
        case .badCount(let count):
            "shard count \(count) must be between 1 and \(Shard.maximumCount)"
        case .indexOutOfRange(let k, let n):
            "shard \(k)/\(n) is out of range: shards are counted from 1 to \(n)"
        case .noEnvironment:
            "--shard auto found no shard in the environment (set LENS_GATE_SHARD=K/N, JOB_COMPLETION_INDEX with LENS_GATE_SHARD_TOTAL, or CI_NODE_INDEX with CI_NODE_TOTAL)"
        case .environment(let reason):
            reason
        case .unsplittable(let scenario, let what, let total, let count):
            "scenario '\(scenario)': \(what) \(total) cannot be split over \(count) shards (every shard needs at least 1); use fewer shards or raise \(what)"
        }
    }
}
