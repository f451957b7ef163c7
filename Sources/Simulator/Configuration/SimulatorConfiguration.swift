import LensCore
import NIOCore

/// What to do with a request naming a model that has no profile.
public enum UnknownModelPolicy: Sendable, Equatable {
    /// Answer with the default profile.
    case serveWithDefaultProfile
    /// Answer 404 in the API's error style.
    case reject
}

/// Everything a simulator needs to start: where to listen, how fast models are, what goes wrong.
public struct SimulatorConfiguration: Sendable {
    /// Address to listen on; keep the loopback default unless you know why not.
    public var host: String
    /// Port to listen on; 0 picks a free one (read it back from `SimulatorServer.port`).
    public var port: Int
    /// Number of event-loop threads.
    public var threads: Int
    /// Seed from which every request's random stream derives.
    public var seed: UInt64
    /// Latency profiles by model name; these names are listed by `/v1/models` and `/api/tags`.
    public var profiles: [String: LatencyProfile]
    /// Profile for requests without a model name (TGI) and, by policy, for unknown names.
    public var defaultProfile: LatencyProfile
    /// Whether unknown model names are served with `defaultProfile` or answered with 404.
    public var unknownModels: UnknownModelPolicy
    /// Regression injection.
    public var slowdown: Slowdown
    /// Fault injection.
    public var faults: FaultInjection
    /// If set, every truth record is also appended as one JSON line to this file.
    public var truthLogPath: String?
    /// Most truth records kept in memory; the oldest are dropped beyond it (the file keeps all).
    public var truthMemoryLimit: Int
    /// Model id reported by TGI's `/info`.
    public var tgiModelID: String
    /// Whether responses carry token counts (usage); false mimics servers that report none.
    public var reportsUsage: Bool
    /// The shape of the `POST /tokenize` endpoint served, or nil for none (404, as before it existed).
    public var tokenizer: TokenizerDialect?

    /// A configuration with the given values and sensible defaults for the rest.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        threads: Int = min(System.coreCount, InputLimits.simulatorThreads.upper),
        seed: UInt64 = 0,
        profiles: [String: LatencyProfile] = [:],
        defaultProfile: LatencyProfile = .standard,
        unknownModels: UnknownModelPolicy = .serveWithDefaultProfile,
        slowdown: Slowdown = .none,
        faults: FaultInjection = .none,
        truthLogPath: String? = nil,
        truthMemoryLimit: Int = 100_000,
        tgiModelID: String = "lens-gate/sim",
        reportsUsage: Bool = true,
        tokenizer: TokenizerDialect? = nil
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.seed = seed
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.unknownModels = unknownModels
        self.slowdown = slowdown
        self.faults = faults
        self.truthLogPath = truthLogPath
        self.truthMemoryLimit = truthMemoryLimit
        self.tgiModelID = tgiModelID
        self.reportsUsage = reportsUsage
        self.tokenizer = tokenizer
    }

    /// Checks the plain numeric fields (the typed ones validated themselves when built).
    func validate() throws(SimulatorError) {
        guard (0...65_535).contains(port) else {
            throw .invalidParameter(name: "port", value: "\(port)", remedy: "use 0...65535 (0 picks a free port)")
        }
        guard InputLimits.simulatorThreads.contains(threads) else {
            throw .invalidParameter(name: "threads", value: "\(threads)", remedy: "use \(InputLimits.simulatorThreads)")
        }
        guard truthMemoryLimit >= 0 else {
            throw .invalidParameter(name: "truth memory limit", value: "\(truthMemoryLimit)", remedy: "use a count ≥ 0")
        }
    }

    /// The profile for a model name, or nil when the name is unknown and the policy rejects it.
    func profile(for model: String?) -> LatencyProfile? {
        guard let model, !model.isEmpty else { return defaultProfile }
        if let p = profiles[model] { return p }
        return unknownModels == .serveWithDefaultProfile ? defaultProfile : nil
    }
}
