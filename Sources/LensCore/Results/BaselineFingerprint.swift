/// What a baseline was measured under: config digest, targets and workloads, tool version and
/// hardware class. Comparing runs taken under different fingerprints compares apples to oranges.
public struct BaselineFingerprint: Sendable, Equatable {
    /// One scenario's identity.
    public struct ScenarioIdentity: Sendable, Equatable {
        /// The target name.
        public var target: String?
        /// The workload name.
        public var workload: String?
        /// The model served.
        public var model: String?

        /// Creates an identity.
        public init(target: String? = nil, workload: String? = nil, model: String? = nil) {
            self.target = target
            self.workload = workload
            self.model = model
        }
    }

    /// Digest of the benchmark-relevant configuration (`run.config_fingerprint`).
    public var configDigest: String?
    /// The lens-gate version that measured.
    public var toolVersion: String?
    /// The hardware class the run was taken on.
    public var hardwareTag: String?
    /// Per scenario: target, workload and model.
    public var scenarios: [String: ScenarioIdentity]
    /// The compared settings field by field; nil for baselines recorded before they were kept
    /// (those are compared by `configDigest` alone).
    public var configFields: FingerprintFields?

    /// Creates a fingerprint.
    public init(
        configDigest: String? = nil, toolVersion: String? = nil, hardwareTag: String? = nil,
        scenarios: [String: ScenarioIdentity] = [:], configFields: FingerprintFields? = nil
    ) {
        self.configFields = configFields
        self.configDigest = configDigest
        self.toolVersion = toolVersion
        self.hardwareTag = hardwareTag
        self.scenarios = scenarios
    }

    /// The fingerprint of a run, read from its metadata and scenarios.
    public init(of results: Results) {
        var scenarios: [String: ScenarioIdentity] = [:]
        for scenario in results.scenarios {
            scenarios[scenario.name] = ScenarioIdentity(target: scenario.target, workload: scenario.workload, model: scenario.model)
        }
        self.init(
            configDigest: results.run.configFingerprint, toolVersion: results.run.toolVersion,
            hardwareTag: results.run.host?.hardwareTag, scenarios: scenarios, configFields: results.run.configFields)
    }
}

extension BaselineFingerprint {
    init(json node: JSONNode, at path: FieldPath) throws(FieldError) {
        let object = try node.object(at: path)
        func text(_ object: JSONObject, _ key: String) throws(FieldError) -> String? {
            try object.optional(key)?.string(at: object.path(key))
        }
        self.init(
            configDigest: try text(object, "config_digest"), toolVersion: try text(object, "tool_version"),
            hardwareTag: try text(object, "hardware_tag"))
        configFields = try object.optional("config_fields").map { (node) throws(FieldError) in
            try FingerprintFields(json: node, at: object.path("config_fields"))
        }
        if let scenariosNode = object.optional("scenarios") {
            let scenariosObject = try scenariosNode.object(at: object.path("scenarios"))
            for (name, identityNode) in scenariosObject.members {
                let identity = try identityNode.object(at: scenariosObject.path(name))
                scenarios[name] = ScenarioIdentity(
                    target: try text(identity, "target"), workload: try text(identity, "workload"),
                    model: try text(identity, "model"))
            }
        }
    }

    var json: JSONValue {
        var object = JSONObjectBuilder()
        object["config_digest"] = configDigest.map { .string($0) }
        object["tool_version"] = toolVersion.map { .string($0) }
        object["hardware_tag"] = hardwareTag.map { .string($0) }
        object["config_fields"] = configFields?.json
        object["scenarios"] = .object(
            scenarios.keys.sorted().map { name in
                var identity = JSONObjectBuilder()
                identity["target"] = scenarios[name]?.target.map { .string($0) }
                identity["workload"] = scenarios[name]?.workload.map { .string($0) }
                identity["model"] = scenarios[name]?.model.map { .string($0) }
                return (key: name, value: JSONNode(identity.value))
            })
        return object.value
    }
}
