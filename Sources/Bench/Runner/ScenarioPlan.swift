import LensCore

/// One scenario, fully resolved for the transport: URL, headers with credentials, request bodies.
///
/// Built by `Benchmark.plan`; credentials sit in `Secret` values and are only revealed when the
/// header list is handed to curl. An interleaved A/B scenario's plan describes the candidate in
/// its own fields and the baseline in `baseline`.
public struct ScenarioPlan: Sendable {
    /// The scenario as configured.
    public var scenario: ScenarioConfig
    /// Its target.
    public var target: TargetConfig
    /// Its workload.
    public var workload: WorkloadConfig
    /// The generation URL.
    public var url: String
    /// Request headers (names in clear, values secret).
    var headers: [(name: String, value: Secret)]
    /// Every request body, back to back; request *i* uses body *i* mod `bodyRanges.count`.
    var bodyArena: [UInt8]
    /// Where each body lies in the arena.
    var bodyRanges: [Range<Int>]
    /// The prompt-token estimate of each body, used only without server usage.
    var estimatedInputTokens: [Int]
    /// Seed of the arrival schedule.
    public var seed: UInt64
    /// The price of the target's model, if listed.
    public var price: PricingTable.Price?
    /// Hides every credential of the config (and URL credentials) in messages made from server text.
    public internal(set) var redactor: Redactor
    /// The baseline side when the scenario is interleaved (this plan's own target is then the candidate).
    public var baseline: ScenarioArm?
    /// Which side of an interleaved scenario this plan records (set on the plans of recordings).
    public var side: InterleavedSide?
    /// The shard this process runs (its `scenario.load` is already the shard's share), if sharded.
    public var shard: Shard?

    /// Creates a plan from already-resolved parts.
    init(
        scenario: ScenarioConfig, target: TargetConfig, workload: WorkloadConfig, headers: [(name: String, value: Secret)],
        redactor: Redactor, prompts: PromptSet, seed: UInt64, price: PricingTable.Price?
    ) {
        self.scenario = scenario
        self.target = target
        self.workload = workload
        url = target.generationURL(streaming: workload.stream)
        self.headers = headers
        var arena: [UInt8] = []
        bodyRanges = Self.encode(prompts, for: target, workload: workload, into: &arena)
        bodyArena = arena
        estimatedInputTokens = prompts.prompts.map(\.estimatedTokens)
        self.seed = seed
        self.price = price
        self.redactor = redactor
    }

    /// Adds the baseline side of an interleaved scenario: its bodies are encoded in its own
    /// protocol and model and appended to the arena (the plan's redactor already knows every
    /// target's credentials). `prompts` are the plan's own (request *i* of each side carries
    /// prompt *i*), so the plan's prompt-token estimates serve both sides; the block size is the scenario's.
    mutating func interleave(
        with target: TargetConfig, headers: [(name: String, value: Secret)],
        prompts: PromptSet, price: PricingTable.Price?
    ) {
        let ranges = Self.encode(prompts, for: target, workload: workload, into: &bodyArena)
        baseline = ScenarioArm(
            target: target, url: target.generationURL(streaming: workload.stream), headers: headers,
            bodyRanges: ranges, price: price)
    }

    /// The plan of one side of an interleaved scenario, as its recording carries it: the baseline
    /// side under `<name>@baseline` with the baseline's target, URL and bodies; nil for other plans.
    func plan(of role: InterleavedSide.Role) -> ScenarioPlan? {
        guard let baseline else { return nil }
        var plan = self
        plan.baseline = nil
        plan.side = InterleavedSide(role: role, pair: scenario.name, blockSize: scenario.effectiveBlockSize)
        guard role == .baseline else { return plan }
        plan.scenario.name = InterleavedSide.baselineName(of: scenario.name)
        plan.scenario.target = baseline.target.name
        plan.target = baseline.target
        plan.url = baseline.url
        plan.headers = baseline.headers
        plan.bodyRanges = baseline.bodyRanges
        plan.price = baseline.price
        return plan
    }

    /// Encodes one body per prompt in the target's dialect, appended to `arena`; returns where each lies.
    private static func encode(
        _ prompts: PromptSet, for target: TargetConfig, workload: WorkloadConfig,
        into arena: inout [UInt8]
    ) -> [Range<Int>] {
        let encoder = RequestBodyEncoder(wire: target.wireProtocol, model: target.model, workload: workload)
        var ranges: [Range<Int>] = []
        for prompt in prompts.prompts {
            let body = encoder.body(prompt: prompt.text)
            ranges.append(arena.count..<(arena.count + body.count))
            arena.append(contentsOf: body)
        }
        return ranges
    }

    /// The body index of an arm's `sent`-th request (warmup included): request *i* uses body
    /// *i* mod count, and a shard's requests keep the bodies they have in the single-process run.
    func bodyIndex(sent: Int) -> Int {
        let bodies = max(1, bodyRanges.count)
        guard let shard else { return sent % bodies }
        return shard.bodyIndex(sent: sent, warmup: scenario.load.warmup, bodies: bodies)
    }

    /// The header lines given to curl (the only place credentials are revealed).
    var headerLines: [String] { Self.headerLines(headers) }

    /// The header lines of a header set, with the fixed lines every request carries.
    static func headerLines(_ headers: [(name: String, value: Secret)]) -> [String] {
        // An empty Expect stops curl from waiting for "100 Continue" before sending bodies over 1 KiB.
        headers.map { "\($0.name): \($0.value.revealedForTransport)" } + ["Content-Type: application/json", "Expect:"]
    }

    /// The generation URL as messages show it (credentials inside it masked).
    public var displayURL: String { redactor.redact(url) }
}
