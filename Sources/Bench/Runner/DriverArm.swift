import LensCore

/// What the runner keeps per side of a scenario: where its requests go and what they recorded.
///
/// An ordinary scenario has one arm; an interleaved A/B scenario has two (candidate, baseline).
/// Transfers are pooled per arm, so a pooled handle keeps its URL, headers and protocol and a
/// request costs no extra option setting whichever side it goes to.
struct DriverArm {
    /// The generation URL.
    let url: String
    /// The header list handed to curl.
    let headers: HeaderList
    /// The wire protocol of the target.
    let wire: WireProtocol
    /// Where each body lies in the plan's arena.
    let bodyRanges: [Range<Int>]
    /// The prompt-token estimate of each body.
    let estimatedInputTokens: [Int]
    /// Idle transfers of this arm, ready for reuse.
    var idle: [Transfer] = []
    /// Every request of this arm.
    var log: RequestLog
    /// Requests sent by this arm (warmup included): its next request's body index.
    var dispatched = 0
    /// The first message seen for each error class on this arm (credentials scrubbed).
    var errorMessages: [RequestErrorClass: String] = [:]
    /// The generated text of successful measured requests without server usage, for the tokenizer.
    var texts = GeneratedTexts()

    /// The arms of a plan: its own target, then the baseline of an interleaved scenario.
    static func arms(of plan: ScenarioPlan, logCapacity: Int) -> [DriverArm] {
        let blocked = plan.baseline != nil
        var arms = [
            DriverArm(
                url: plan.url, headers: HeaderList(lines: plan.headerLines), wire: plan.target.wireProtocol,
                bodyRanges: plan.bodyRanges, estimatedInputTokens: plan.estimatedInputTokens,
                log: RequestLog(capacity: logCapacity, blocks: blocked))
        ]
        if let baseline = plan.baseline {
            arms.append(
                DriverArm(
                    url: baseline.url, headers: HeaderList(lines: ScenarioPlan.headerLines(baseline.headers)),
                    wire: baseline.target.wireProtocol, bodyRanges: baseline.bodyRanges,
                    estimatedInputTokens: plan.estimatedInputTokens,
                    log: RequestLog(capacity: logCapacity, blocks: blocked)))
        }
        return arms
    }
}
