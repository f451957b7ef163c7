/// Settings shared by every scenario (the `run:` section): default load and abort policy, host tag, seed.
public struct RunDefaults: Sendable, Equatable {
    /// Load profile scenarios start from.
    public var load: LoadConfig
    /// Abort policy scenarios start from.
    public var abort: AbortPolicy
    /// A tag for the hardware class, written to `run.host.hardware_tag` (the `LENS_GATE_HARDWARE_TAG` environment variable overrides it).
    public var hardwareTag: String?
    /// Seed of arrival times and prompt selection, so two runs offer the same load.
    public var seed: UInt64

    /// Creates defaults.
    public init(load: LoadConfig = LoadConfig(), abort: AbortPolicy = AbortPolicy(), hardwareTag: String? = nil, seed: UInt64 = 1) {
        self.load = load
        self.abort = abort
        self.hardwareTag = hardwareTag
        self.seed = seed
    }
}

extension RunDefaults {
    static let keys = ["load", "abort", "hardware_tag", "seed"]

    /// Decodes the `run:` section.
    init(yaml node: YAMLNode, at path: FieldPath) throws(FieldError) {
        self.init()
        let mapping = try node.mapping(at: path)
        try mapping.rejectUnknownKeys(allowed: Self.keys)
        if let node = mapping.optional("load") { load = try LoadConfig(yaml: node, at: mapping.path("load"), over: load) }
        if let node = mapping.optional("abort") { abort = try AbortPolicy(yaml: node, at: mapping.path("abort"), over: abort) }
        hardwareTag = try mapping.optional("hardware_tag")?.string(at: mapping.path("hardware_tag"))
        if let node = mapping.optional("seed") { seed = try node.seed(at: mapping.path("seed")) }
    }
}
