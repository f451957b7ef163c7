import LensCore
import Testing

/// Reading the benchmark part of lens-gate.yaml: keys, defaults, references, and errors with positions.
@Suite struct BenchConfigTests {
    static let full = """
        version: 1
        run:
          seed: 7
          hardware_tag: ci-2core
          load: {timeout: 30s, warmup: 2}
        pricing:
          gpt-4o-mini: {input_per_million: 0.15, output_per_million: 0.6}
        targets:
          prod:
            provider: openai
            model: gpt-4o-mini
            api_key: ${OPENAI_API_KEY}
          az:
            provider: azure-openai
            base_url: https://res.openai.azure.com/
            deployment: gpt4o
            api_key: ${AZURE_KEY}
          local:
            provider: custom
            protocol: ollama-generate
            base_url: http://127.0.0.1:9999
            model: llama3
            headers: {X-Team: "${TEAM}-bench"}
        workloads:
          short:
            prompt: "Say hi"
            max_tokens: 16
            temperature: 0
          tpl:
            template: "Tell me about {topic}"
            variables: {topic: [cats, dogs]}
          synth:
            synthetic: {input_tokens: 512, output_tokens: 64}
        scenarios:
          - name: s1
            target: prod
            workload: short
            load: {mode: closed, concurrency: 4, requests: 50}
          - name: s2
            target: local
            workload: synth
            load: {rate: 20, arrival: gamma, burstiness: 0.5, duration: 10s}
            abort: {max_error_rate: 10%}
        """

    @Test func readsAFullBenchmarkConfig() throws {
        let bench = try LensConfig(yaml: Self.full).bench
        #expect(bench.targets.map(\.name) == ["prod", "az", "local"])
        #expect(bench.targets[0].generationURL(streaming: true) == "https://api.openai.com/v1/chat/completions")
        #expect(bench.targets[0].apiKey == CredentialSource(variable: "OPENAI_API_KEY"))
        #expect(
            bench.targets[1].generationURL(streaming: true)
                == "https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21")
        #expect(bench.targets[2].wireProtocol == .ollamaGenerate)
        #expect(bench.targets[2].generationURL(streaming: true) == "http://127.0.0.1:9999/api/generate")
        #expect(bench.targets[2].headers.first?.value.variables == ["TEAM"])
        #expect(bench.workloads[0].maxTokens == 16)
        #expect(bench.workloads[2].maxTokens == 64)
        #expect(bench.workloads[2].source == .synthetic(inputTokens: 512, inputSpread: 0))
        #expect(bench.scenarios[0].load.concurrency == 4)
        #expect(bench.scenarios[0].load.warmup == 2, "run.load defaults apply")
        #expect(bench.scenarios[0].load.timeoutSeconds == 30)
        #expect(bench.scenarios[1].load.mode == .open, "a rate implies an open loop")
        #expect(bench.scenarios[1].load.arrival == .gamma)
        #expect(bench.scenarios[1].load.durationSeconds == 10)
        #expect(bench.scenarios[1].load.requestLimit == nil)
        #expect(bench.scenarios[1].abort.maxErrorRate == 0.1)
        #expect(bench.pricing.price(for: "gpt-4o-mini")?.cost(inputTokens: 1_000_000, outputTokens: 0) == 0.15)
        #expect(bench.run.seed == 7)
        #expect(bench.run.hardwareTag == "ci-2core")
    }

    @Test func unknownKeyNamesLineColumnAndSuggests() throws {
        let yaml = """
            targets:
              prod:
                provider: openai
                model: m
                modle: x
            """
        let error = try #require(failure(yaml))
        #expect(error.position == TextPosition(line: 5, column: 5))
        #expect(error.reason.contains("unknown key 'modle'"))
        #expect(error.reason.contains("did you mean 'model'"))
        let rendered = InputError(file: "lens-gate.yaml", error).description
        #expect(rendered.hasPrefix("lens-gate.yaml:5:5: "))
        #expect(InputError(file: "lens-gate.yaml", error).exitStatus == .inputError)
    }

    @Test func unknownProviderListsTheValidOnes() throws {
        let error = try #require(failure("targets:\n  a:\n    provider: opnai\n    model: m\n"))
        #expect(error.position == TextPosition(line: 3, column: 15))
        #expect(error.reason.contains("did you mean 'openai'"))
        for provider in Provider.allCases { #expect(error.reason.contains(provider.rawValue)) }
    }

    @Test func unknownProtocolListsTheValidOnes() throws {
        let error = try #require(
            failure("targets:\n  a:\n    provider: custom\n    base_url: http://127.0.0.1:1\n    model: m\n    protocol: grpc\n"))
        #expect(error.position.line == 6)
        for wire in WireProtocol.allCases { #expect(error.reason.contains(wire.rawValue)) }
    }

    @Test func literalKeysAreRefusedWithoutBeingEchoed() throws {
        let key = "sk-live-THIS-IS-A-SECRET-123"
        let error = try #require(failure("targets:\n  a:\n    provider: openai\n    model: m\n    api_key: \(key)\n"))
        #expect(error.position.line == 5)
        #expect(!error.description.contains(key))
        #expect(error.reason.contains("${"))
    }

    @Test func scenarioReferencesAreChecked() throws {
        var yaml = Self.full
        yaml = yaml.replacingOccurrences(of: "workload: short", with: "workload: shrt")
        let error = try #require(failure(yaml))
        #expect(error.reason.contains("unknown workload 'shrt'"))
        #expect(error.reason.contains("did you mean 'short'"))
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("shrt") }.map { $0 + 1 }
        #expect(error.position.line == line)
    }

    @Test func openLoopNeedsARate() throws {
        let yaml =
            "targets: {a: {provider: vllm, model: m}}\nworkloads: {w: {prompt: hi}}\nscenarios:\n  - {name: s, target: a, workload: w, load: {mode: open}}\n"
        let error = try #require(failure(yaml))
        #expect(error.reason.contains("rate"))
        #expect(error.position.line == 4)
    }

    /// Size caps read with units, default sensibly, and are range-checked where they are read.
    @Test func sizeCapsAcceptUnitsAndAreRangeChecked() throws {
        func yaml(_ load: String) -> String {
            "targets: {a: {provider: vllm, model: m}}\nworkloads: {w: {prompt: hi}}\nscenarios:\n  - {name: s, target: a, workload: w, load: \(load)}\n"
        }
        let defaults = try LensConfig(yaml: yaml("{requests: 1}")).bench.scenarios[0].load
        #expect(defaults.maxEventBytes == 8 << 20)
        #expect(defaults.maxResponseBytes == 64 << 20)
        let set = try LensConfig(yaml: yaml("{max_event_size: 512KiB, max_response_size: 2 GB}")).bench.scenarios[0].load
        #expect(set.maxEventBytes == 512 * 1024)
        #expect(set.maxResponseBytes == 2_000_000_000)
        #expect(try LensConfig(yaml: yaml("{max_event_size: 65536}")).bench.scenarios[0].load.maxEventBytes == 65536)
        for (load, reason) in [
            ("{max_event_size: 100}", "must be between 1 KiB and 1 GiB, found '100'"),
            ("{max_event_size: 2GiB}", "must be between 1 KiB and 1 GiB"),
            ("{max_response_size: 1e300}", "must be between 1 KiB and 4 GiB"),
            ("{max_response_size: -5MiB}", "must be between 1 KiB and 4 GiB"),
            ("{max_event_size: lots}", "expected a size such as 8MiB"),
            ("{max_event_size: .nan}", "expected a size such as 8MiB"),
        ] {
            let error = try #require(failure(yaml(load)), "\(load)")
            #expect(error.reason.contains(reason), "\(load): \(error.reason)")
            #expect(error.path.description.contains("load.max_"), "\(error.path)")
            #expect(error.position.line == 4)
        }
    }

    @Test func malformedYAMLHasAPosition() throws {
        let error = try #require(failure("targets:\n  a: {provider: vllm\n  b: 1\n"))
        #expect(error.position.line >= 2)
        #expect(error.reason.contains("YAML syntax error"))
    }

    @Test func workloadNeedsExactlyOneSource() throws {
        #expect(failure("workloads: {w: {max_tokens: 3}}")?.reason.contains("one prompt source") == true)
        #expect(failure("workloads: {w: {prompt: a, synthetic: {input_tokens: 3}}}")?.reason.contains("only one") == true)
        #expect(failure("workloads: {w: {template: 'a {x}'}}")?.reason.contains("{x}") == true)
    }

    @Test func durationsAcceptUnits() throws {
        let base =
            "targets: {a: {provider: vllm, model: m}}\nworkloads: {w: {prompt: hi}}\nscenarios:\n  - {name: s, target: a, workload: w, load: {timeout: TIMEOUT}}\n"
        for (text, seconds) in [("500ms", 0.5), ("2m", 120.0), ("3", 3.0), ("1.5s", 1.5)] {
            let config = try LensConfig(yaml: base.replacingOccurrences(of: "TIMEOUT", with: text))
            #expect(config.bench.scenarios[0].load.timeoutSeconds == seconds)
        }
        #expect(failure(base.replacingOccurrences(of: "TIMEOUT", with: "-1s")) != nil)
        #expect(failure(base.replacingOccurrences(of: "TIMEOUT", with: "soon")) != nil)
    }

    @Test func fingerprintIgnoresSecretsPricingAndGateButNotLoad() throws {
        let base = try LensConfig(yaml: Self.full).bench
        let otherKey = try LensConfig(yaml: Self.full.replacingOccurrences(of: "${OPENAI_API_KEY}", with: "${OTHER_KEY}")).bench
        let otherPrice = try LensConfig(yaml: Self.full.replacingOccurrences(of: "0.15", with: "0.25")).bench
        let withGate = try LensConfig(yaml: Self.full + "\ngate: {threshold_percent: 3}\n").bench
        let otherLoad = try LensConfig(yaml: Self.full.replacingOccurrences(of: "concurrency: 4", with: "concurrency: 5")).bench
        let otherHeader = try LensConfig(yaml: Self.full.replacingOccurrences(of: "${TEAM}-bench", with: "${TEAM}-other")).bench
        #expect(base.fingerprint.hasPrefix("fnv1a64:"))
        #expect(base.fingerprint.count == 8 + 16)
        #expect(base.fingerprint == otherKey.fingerprint)
        #expect(base.fingerprint == otherPrice.fingerprint)
        #expect(base.fingerprint == withGate.fingerprint)
        #expect(base.fingerprint == otherHeader.fingerprint)
        #expect(base.fingerprint != otherLoad.fingerprint)
        #expect(!base.canonicalText.contains("OPENAI_API_KEY"))
    }

    @Test func fnvMatchesPublishedVectors() {
        // Test vectors from the FNV reference (draft-eastlake-fnv, "FNV-1a 64" of "" and "a").
        #expect(BenchConfig.digest([]) == 0xcbf2_9ce4_8422_2325)
        #expect(BenchConfig.digest(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(BenchConfig.digest(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func secretDescriptionIsRedacted() {
        let secret = Secret("sk-very-secret")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("sk-very-secret"))
    }
}
