import LensCore

/// One scenario, fully resolved for the transport: URL, headers with credentials, request bodies.
///
/// Built by `Benchmark.plan`; credentials sit in `Secret` values and are only revealed when the
/// header list is handed to curl.
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
    /// Credentials and header values to scrub from any message, longest first.
    var secretsToScrub: [Secret]

    /// Creates a plan from already-resolved parts.
    init(scenario: ScenarioConfig, target: TargetConfig, workload: WorkloadConfig, headers: [(name: String, value: Secret)],
         credentials: [Secret], prompts: PromptSet, seed: UInt64, price: PricingTable.Price?) {
        self.scenario = scenario
        self.target = target
        self.workload = workload
        url = target.generationURL(streaming: workload.stream)
        self.headers = headers
        let encoder = RequestBodyEncoder(wire: target.wireProtocol, model: target.model, workload: workload)
        var arena: [UInt8] = []
        var ranges: [Range<Int>] = []
        for prompt in prompts.prompts {
            let body = encoder.body(prompt: prompt.text)
            ranges.append(arena.count..<(arena.count + body.count))
            arena.append(contentsOf: body)
        }
        bodyArena = arena
        bodyRanges = ranges
        estimatedInputTokens = prompts.prompts.map(\.estimatedTokens)
        self.seed = seed
        self.price = price
        // Short values (a team name in a header) would scrub innocent words; credentials are long.
        secretsToScrub = (credentials + headers.map(\.value)).filter { $0.revealedForTransport.count >= 8 }
            .sorted { $0.revealedForTransport.count > $1.revealedForTransport.count }
    }

    /// The header lines given to curl (the only place credentials are revealed).
    var headerLines: [String] {
        // An empty Expect stops curl from waiting for "100 Continue" before sending bodies over 1 KiB.
        headers.map { "\($0.name): \($0.value.revealedForTransport)" } + ["Content-Type: application/json", "Expect:"]
    }

    /// `text` with every credential replaced by `<redacted>`.
    func scrub(_ text: String) -> String {
        var text = text
        for secret in secretsToScrub where text.contains(secret.revealedForTransport) {
            text = text.replacingAll(secret.revealedForTransport, with: "<redacted>")
        }
        return text
    }
}

extension String {
    /// Replaces every occurrence of `target` (a small helper so Bench needs no Foundation here).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
