import ArgumentParser
import LensCore

/// `--shard K/N|auto` of the commands that can run one shard of a sharded load (`run`, `ab`).
struct ShardOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run only shard K of N of every scenario (counted from 1: 1/4 … 4/4), or 'auto' to read it from LENS_GATE_SHARD=K/N, JOB_COMPLETION_INDEX (0-based) with LENS_GATE_SHARD_TOTAL, or CI_NODE_INDEX/CI_NODE_TOTAL. Merge the shard files with 'lens-gate merge'.",
            valueName: "K/N|auto"))
    var shard: String?

    func validate() throws {
        guard let shard, shard != "auto" else { return }
        do {
            _ = try Shard(parsing: shard)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The shard to run, nil for a whole run.
    func resolve(environment: [String: String]) throws(ShardError) -> Shard? {
        try shard.map { (text) throws(ShardError) in try Shard.resolve(text, environment: environment) }
    }
}
