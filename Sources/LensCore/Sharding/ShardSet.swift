/// What a merged results file was made of: the shard count, each shard's facts, and the shards
/// that were missing (only with `merge --allow-partial`).
public struct ShardSet: Sendable, Equatable {
    /// One shard's facts: which shard, where and when it ran, and what it counted.
    public struct Member: Sendable, Equatable {
        /// The shard (1-based `index` in files).
        public var shard: Shard
        /// The machine it ran on.
        public var host: String?
        /// When it started, ISO 8601 (UTC).
        public var startedAt: String?
        /// When it finished, ISO 8601 (UTC).
        public var finishedAt: String?
        /// False when that shard's run was interrupted.
        public var complete: Bool
        /// Measured requests over its scenarios.
        public var requests: Int
        /// Successful ones.
        public var succeeded: Int
        /// Failed ones.
        public var failed: Int

        /// Creates a member record.
        public init(
            shard: Shard, host: String? = nil, startedAt: String? = nil, finishedAt: String? = nil, complete: Bool = true,
            requests: Int = 0, succeeded: Int = 0, failed: Int = 0
        ) {
            self.shard = shard
            self.host = host
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.complete = complete
            self.requests = requests
            self.succeeded = succeeded
            self.failed = failed
        }
    }

    /// How many shards the run was split into.
    public var count: Int
    /// The shards merged, in index order.
    public var members: [Member]
    /// 1-based indices of the shards that were not merged.
    public var missing: [Int]

    /// Creates a shard set.
    public init(count: Int, members: [Member], missing: [Int] = []) {
        self.count = count
        self.members = members
        self.missing = missing
    }

    /// One line for reports: "merged from 4 shards", or "merged from 3 of 4 shards (missing: 2), so incomplete".
    public var summary: String {
        guard !missing.isEmpty else { return "merged from \(count) shards" }
        let list = missing.map(String.init).joined(separator: ", ")
        return "merged from \(members.count) of \(count) shards (missing: \(list)), so incomplete"
    }
}

extension Shard {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        let countNode = try object.required("count")
        let count = try countNode.integer(at: object.path("count"), in: ValidRange(1...Shard.maximumCount))
        let number = try object.required("index").integer(at: object.path("index"), in: ValidRange(1...count))
        do {
            try self.init(index: number - 1, count: count)
        } catch {
            throw FieldError(path, at: countNode.position, error.description)
        }
    }

    var json: JSONValue { .fields(["index": .integer(number), "count": .integer(count)]) }
}

extension ShardSet {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        let count = try object.required("count").integer(at: object.path("count"), in: ValidRange(1...Shard.maximumCount))
        let membersPath = object.path("members")
        var members: [Member] = []
        for (i, memberNode) in try object.required("members").elements(at: membersPath).enumerated() {
            let path = membersPath.appending(i)
            let member = try memberNode.object(at: path)
            let numberNode = try member.required("index")
            let number = try numberNode.integer(at: member.path("index"), in: ValidRange(1...count))
            let shard: Shard
            do {
                shard = try Shard(index: number - 1, count: count)
            } catch {
                throw FieldError(member.path("index"), at: numberNode.position, error.description)
            }
            func tally(_ key: String) throws(FieldError) -> Int {
                try member.optional(key)?.integer(at: member.path(key), in: InputLimits.count) ?? 0
            }
            members.append(
                Member(
                    shard: shard, host: try member.optional("host")?.string(at: member.path("host")),
                    startedAt: try member.optional("started_at")?.string(at: member.path("started_at")),
                    finishedAt: try member.optional("finished_at")?.string(at: member.path("finished_at")),
                    complete: try member.optional("complete")?.bool(at: member.path("complete")) ?? true,
                    requests: try tally("requests"), succeeded: try tally("succeeded"), failed: try tally("failed")))
        }
        var missing: [Int] = []
        if let missingNode = object.optional("missing") {
            for (i, element) in try missingNode.elements(at: object.path("missing")).enumerated() {
                missing.append(try element.integer(at: object.path("missing").appending(i), in: ValidRange(1...count)))
            }
        }
        self.init(count: count, members: members, missing: missing)
    }

    var json: JSONValue {
        .fields([
            "count": .integer(count),
            "members": .array(
                members.map { member in
                    JSONNode(
                        .fields([
                            "index": .integer(member.shard.number),
                            "host": member.host.map(JSONValue.string),
                            "started_at": member.startedAt.map(JSONValue.string),
                            "finished_at": member.finishedAt.map(JSONValue.string),
                            "complete": .bool(member.complete),
                            "requests": .integer(member.requests),
                            "succeeded": .integer(member.succeeded),
                            "failed": .integer(member.failed),
                        ]))
                }),
            "missing": missing.isEmpty ? nil : .array(missing.map { JSONNode(.integer($0)) }),
        ])
    }
}
