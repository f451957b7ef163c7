/// The whole `lens-gate.yaml`: a schema version, the benchmark (top-level keys) and the `gate:` section.
public struct LensConfig: Sendable, Equatable {
    /// The config schema version this build reads.
    public static let currentVersion = 1
    /// The default config file name, looked up in the working directory.
    public static let defaultPath = "lens-gate.yaml"
    /// The keys of the top-level mapping.
    static let topLevelKeys = ["version", "gate"] + BenchConfig.topLevelKeys

    /// The declared version.
    public var version: Int
    /// The quality gate.
    public var gate: GateConfig
    /// The benchmark.
    public var bench: BenchConfig

    /// Creates a configuration.
    public init(version: Int = LensConfig.currentVersion, gate: GateConfig = GateConfig(), bench: BenchConfig = BenchConfig()) {
        self.version = version
        self.gate = gate
        self.bench = bench
    }

    /// Parses and validates YAML text.
    public init(yaml text: String) throws(FieldError) {
        guard let root = try YAMLParser.parse(text) else {
            self.init()
            return
        }
        let mapping = try root.mapping(at: .root)
        try mapping.rejectUnknownKeys(allowed: Self.topLevelKeys)
        var version = LensConfig.currentVersion
        if let node = mapping.optional("version") {
            version = try node.integer(at: mapping.path("version"))
            guard version == LensConfig.currentVersion else {
                throw FieldError(
                    mapping.path("version"), at: node.position,
                    "unsupported config version \(version) (this lens-gate reads version \(LensConfig.currentVersion))")
            }
        }
        let gate =
            try mapping.optional("gate").map { (node) throws(FieldError) in
                try GateConfig(yaml: node, at: mapping.path("gate"))
            } ?? GateConfig()
        self.init(version: version, gate: gate, bench: try BenchConfig(yaml: mapping))
    }
}
