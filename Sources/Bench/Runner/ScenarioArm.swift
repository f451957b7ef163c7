import LensCore

/// The baseline side of an interleaved A/B scenario: its endpoint, credentials and request bodies.
///
/// Its bodies live in the plan's body arena after the candidate's (one arena, two sets of offsets),
/// so the runner hands curl pointers into a single buffer whichever side a request goes to.
public struct ScenarioArm: Sendable {
    /// The baseline target.
    public var target: TargetConfig
    /// Its generation URL.
    public var url: String
    /// Its request headers (names in clear, values secret).
    var headers: [(name: String, value: Secret)]
    /// Where its bodies lie in the plan's arena; its request *i* uses body *i* mod count, like the candidate's.
    /// Its bodies carry the plan's prompts, so the plan's prompt-token estimates hold for them too.
    var bodyRanges: [Range<Int>]
    /// The price of its model, if listed.
    public var price: PricingTable.Price?
}
