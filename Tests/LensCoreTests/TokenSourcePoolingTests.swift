import Testing

@testable import LensCore

/// A confirmation rerun pooled into a run keeps saying where output token counts came from.
@Suite struct TokenSourcePoolingTests {
    static func scenario(_ source: TokenSource?) -> ScenarioResult {
        ScenarioResult(name: "chat", samples: MetricSamples([.e2eMs: [1]]), tokenSource: source)
    }

    @Test(arguments: [
        (TokenSource?.some(.tokenizer), TokenSource?.some(.tokenizer), TokenSource?.some(.tokenizer)),
        (.tokenizer, .counted, .mixed),
        (.server, .tokenizer, .mixed),
        (nil, .counted, .counted),
        (.server, nil, .server),
    ])
    func differentSourcesPoolIntoMixed(first: TokenSource?, rerun: TokenSource?, pooled: TokenSource?) {
        let results = Results(scenarios: [Self.scenario(first)]).pooling([Results(scenarios: [Self.scenario(rerun)])])
        #expect(results.scenarios[0].tokenSource == pooled)
    }
}
