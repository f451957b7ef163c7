extension Shard {
    /// Resolves `--shard` text: `K/N`, or `auto` to read the shard from the variables the
    /// schedulers set, in this order: `LENS_GATE_SHARD` (`K/N`); Kubernetes Indexed Jobs'
    /// `JOB_COMPLETION_INDEX` (0-based) with `LENS_GATE_SHARD_TOTAL`; GitLab `parallel:`'s
    /// `CI_NODE_INDEX`/`CI_NODE_TOTAL` (1-based).
    ///
    /// Never implicit: without `--shard` a run is whole even where those variables are set, since
    /// GitLab sets `CI_NODE_*` for any `parallel:` job, sharded or not.
    public static func resolve(_ text: String, environment: [String: String]) throws(ShardError) -> Shard {
        guard text == "auto" else { return try Shard(parsing: text) }
        if let value = environment["LENS_GATE_SHARD"], !value.isEmpty {
            return try Shard(parsing: value, source: "LENS_GATE_SHARD")
        }
        if let value = environment["JOB_COMPLETION_INDEX"], !value.isEmpty {
            let index = try wholeNumber(value, name: "JOB_COMPLETION_INDEX")
            guard let totalText = environment["LENS_GATE_SHARD_TOTAL"], !totalText.isEmpty else {
                throw .environment(
                    "JOB_COMPLETION_INDEX is \(value) but LENS_GATE_SHARD_TOTAL is not set (set it to the Job's completions)")
            }
            let total = try wholeNumber(totalText, name: "LENS_GATE_SHARD_TOTAL")
            guard (1...maximumCount).contains(total) else { throw .badCount(total) }
            guard (0..<total).contains(index) else {
                throw .environment("JOB_COMPLETION_INDEX \(index) is out of range for LENS_GATE_SHARD_TOTAL \(total) (0 to \(total - 1))")
            }
            return try Shard(index: index, count: total)
        }
        if let value = environment["CI_NODE_INDEX"], !value.isEmpty {
            let number = try wholeNumber(value, name: "CI_NODE_INDEX")
            guard let totalText = environment["CI_NODE_TOTAL"], !totalText.isEmpty else {
                throw .environment("CI_NODE_INDEX is \(value) but CI_NODE_TOTAL is not set")
            }
            let total = try wholeNumber(totalText, name: "CI_NODE_TOTAL")
            return try Shard(parsing: "\(number)/\(total)", source: "CI_NODE_INDEX/CI_NODE_TOTAL")
        }
        throw .noEnvironment
    }

    private static func wholeNumber(_ text: String, name: String) throws(ShardError) -> Int {
        guard let value = Int(text.trimmingWhitespace) else { throw .environment("\(name) is '\(text)', not a whole number") }
        return value
    }
}
