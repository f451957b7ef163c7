/// Marks a scenario as one side of an interleaved A/B comparison run in one job.
///
/// `lens-gate ab` writes both sides into one results file: the candidate under the scenario's
/// own name and the baseline under `<name>@baseline`, each with this marker; the gate compares
/// each pair within the file, so the job's speed (shared by both sides) cancels.
public struct InterleavedSide: Sendable, Equatable {
    /// Which side of the comparison.
    public enum Role: String, Sendable, CaseIterable {
        /// The reference target.
        case baseline
        /// The target under test.
        case candidate
    }

    /// This scenario's side.
    public var role: Role
    /// The name both sides share (the candidate's scenario name).
    public var pair: String
    /// Requests per side in each randomized block.
    public var blockSize: Int?

    /// Creates a marker.
    public init(role: Role, pair: String, blockSize: Int? = nil) {
        self.role = role
        self.pair = pair
        self.blockSize = blockSize
    }

    /// The conventional name of the baseline side of `pair`.
    public static func baselineName(of pair: String) -> String { pair + "@baseline" }
}

extension InterleavedSide {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        let roleNode = try object.required("role")
        let roleText = try roleNode.string(at: object.path("role"))
        guard let role = Role(rawValue: roleText) else {
            throw FieldError(object.path("role"), at: roleNode.position, "unknown role '\(roleText)' (expected baseline or candidate)")
        }
        let pair = try object.required("pair").string(at: object.path("pair"))
        var blockSize: Int?
        if let sizeNode = object.optional("block_size") {
            blockSize = try sizeNode.integer(at: object.path("block_size"), in: InputLimits.blockSize)
        }
        self.init(role: role, pair: pair, blockSize: blockSize)
    }

    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["role"] = .string(role.rawValue)
        object["pair"] = .string(pair)
        object["block_size"] = blockSize.map { .integer($0) }
        return object.value
    }
}
