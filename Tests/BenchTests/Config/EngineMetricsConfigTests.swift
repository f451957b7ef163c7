import Bench
import LensCore
import Testing

/// `engine_metrics` on a target: a boolean or a mapping with `url` and `include`, the default URL
/// at the server root, and located errors for everything else.
@Suite struct EngineMetricsConfigTests {
    static func target(_ engineMetrics: String, baseURL: String = "http://127.0.0.1:8000/v1", protocol wire: String = "openai-chat") throws
        -> TargetConfig?
    {
        let config = try LensConfig(
            yaml: """
                targets:
                  a:
                    provider: custom
                    protocol: \(wire)
                    base_url: \(baseURL)
                    model: m
                    engine_metrics: \(engineMetrics)
                """)
        return config.bench.targets.first
    }

    @Test func booleanAndMapping() throws {
        #expect(try Self.target("false")?.engineMetrics == nil)
        let on = try #require(try Self.target("true")?.engineMetrics)
        #expect(on == EngineMetricsConfig())
        #expect(on.url(baseURL: "http://127.0.0.1:8000/v1") == "http://127.0.0.1:8000/metrics")
        #expect(on.url(baseURL: "http://127.0.0.1:8080/") == "http://127.0.0.1:8080/metrics")
        // TGI's base URL has no /v1: the page is beside its routes.
        let tgi = try #require(try Self.target("true", baseURL: "http://127.0.0.1:3000", protocol: "tgi"))
        #expect(tgi.engineMetrics?.url(baseURL: tgi.baseURL) == "http://127.0.0.1:3000/metrics")
        let mapping = try #require(
            try Self.target(#"{url: "http://127.0.0.1:9400/metrics", include: ["vllm:request_success_total", "tgi_batch_current_size"]}"#)?
                .engineMetrics)
        #expect(mapping.url(baseURL: "http://127.0.0.1:8000/v1") == "http://127.0.0.1:9400/metrics")
        #expect(mapping.include == ["vllm:request_success_total", "tgi_batch_current_size"])
    }

    @Test(arguments: [
        ("yes please", "expected"),
        ("{urls: x}", "unknown key 'urls' (did you mean 'url'?)"),
        ("{url: 127.0.0.1:8000/metrics}", "url must start with http:// or https://"),
        ("{url: \"http://h/${TOKEN}\"}", "url cannot refer to environment variables"),
        ("{url: \"http://h/a b\"}", "url contains a space"),
        ("{include: [\"9lives\"]}", "'9lives' is not a Prometheus metric name"),
        ("{include: {a: b}}", "expected"),
    ])
    func badValuesAreLocated(written: String, says: String) throws {
        let error = try #require(
            failure(
                "targets:\n  a:\n    provider: custom\n    base_url: http://127.0.0.1:1/v1\n    model: m\n    engine_metrics: \(written)\n")
        )
        #expect(error.reason.contains(says), "\(error.reason)")
        #expect(error.position.line == 6)
        #expect(error.path.description.contains("engine_metrics"))
    }
}
