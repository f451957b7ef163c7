import Bench
import LensCore

/// What `lens-gate validate` says about a loaded config: per target the exact URLs it will call,
/// the model and the *name* of the auth header, plus warnings for what would fail at run time
/// (the placeholder model `init` writes, environment variables that are not set). Never a value
/// of a credential: only variable and header names.
struct ConfigOverview {
    var config: LensConfig
    var environment: [String: String]

    /// The model name `init` writes when none is given.
    static let placeholderModel = "YOUR-MODEL"
    /// The base URL `init` writes for providers without a default one.
    static let placeholderURL = "https://YOUR-ENDPOINT"

    /// One line per fact, indented under a line per target.
    var targetLines: [String] {
        var lines: [String] = []
        for target in config.bench.targets {
            lines.append(
                "target \(target.name): provider \(target.provider.rawValue), protocol \(target.wireProtocol.rawValue), model \(target.model)"
            )
            if target.provider == .simulator {
                lines.append("  embedded simulator: started on 127.0.0.1 (a free port) for the run")
                if target.engineMetrics != nil {
                    lines.append("  engine metrics (before and after each measured phase): GET <simulator>/metrics")
                }
                continue
            }
            for streaming in streamingModes(of: target) {
                let label = streaming ? "generation (streamed)" : "generation"
                lines.append("  \(label): POST \(URLCredentials.masked(target.generationURL(streaming: streaming)))")
            }
            if target.healthCheck { lines.append("  health check: GET \(URLCredentials.masked(target.healthURL))") }
            for endpoint in TokenizeEndpoint.candidates(for: target) {
                lines.append("  tokenize (probed after the measured phase): POST \(URLCredentials.masked(endpoint.url))")
            }
            if let engine = target.engineMetrics {
                lines.append(
                    "  engine metrics (before and after each measured phase): GET \(URLCredentials.masked(engine.url(baseURL: target.baseURL)))"
                )
            }
            lines.append("  auth: " + authentication(of: target))
            let extra = target.headers.map(\.name) + target.provider.preset.fixedHeaders.map(\.0)
            if !extra.isEmpty { lines.append("  headers: " + extra.joined(separator: ", ")) }
        }
        return lines
    }

    /// One line per scenario with an SLO: the limits its good requests must meet (goodput).
    var sloLines: [String] {
        config.bench.scenarios.compactMap { scenario in
            scenario.slo.map { "scenario \(scenario.name): goodput under \($0.summary)" }
        }
    }

    /// The metrics the gate's rules name that lens-gate does not define: the results must declare
    /// them (checked when a run or a results file is judged, not here).
    var declaredMetricLine: String? {
        let gate = config.gate
        var targets = (gate.rules ?? []).map(\.target) + gate.qualityGates.map(\.target) + gate.budgets.map(\.target)
        targets += gate.trends.map(\.target)
        for override in gate.scenarioOverrides.values {
            targets += override.rules.map(\.target) + override.qualityGates.map(\.target) + override.budgets.map(\.target)
        }
        let names = Set(targets.map(\.metric).filter { $0.origin == .referenced }.map(\.name)).sorted()
        guard !names.isEmpty else { return nil }
        return "gate: metrics the results must declare (docs/results-format.md#metrics-of-your-own): " + names.joined(separator: ", ")
    }

    /// Problems that do not make the file invalid but would make a run fail or measure the wrong
    /// thing, each prefixed with the line of its target (`7: …`) when known.
    var warnings: [String] {
        var warnings: [String] = []
        for target in config.bench.targets {
            let place = target.position.line > 0 ? "\(target.position.line): " : " "
            if target.model == Self.placeholderModel {
                warnings.append(
                    "\(place)targets.\(target.name).model is the placeholder '\(Self.placeholderModel)' written by init; set the model your endpoint serves"
                )
            }
            if target.baseURL.hasPrefix(Self.placeholderURL) {
                warnings.append(
                    "\(place)targets.\(target.name).base_url is the placeholder '\(Self.placeholderURL)' written by init; set your endpoint's URL"
                )
            }
            for variable in referencedVariables(of: target) where (environment[variable] ?? "").isEmpty {
                warnings.append(
                    "\(place)targets.\(target.name): environment variable \(variable) is not set (the run would fail before sending a request)"
                )
            }
        }
        return warnings
    }

    /// The streaming modes the target's scenarios use (streamed only when no scenario uses it).
    private func streamingModes(of target: TargetConfig) -> [Bool] {
        var modes: Set<Bool> = []
        for scenario in config.bench.scenarios where scenario.target == target.name || scenario.baselineTarget == target.name {
            if let workload = config.bench.workload(named: scenario.workload) { modes.insert(workload.stream) }
        }
        return modes.isEmpty ? [true] : modes.sorted { $0 && !$1 }
    }

    /// The header that carries the key, and where the key comes from.
    private func authentication(of target: TargetConfig) -> String {
        guard let source = target.apiKey else { return "none (no api_key)" }
        switch target.provider.preset.authentication {
        case .bearer: return "header Authorization (Bearer token from \(source))"
        case .header(let name): return "header \(name) (from \(source))"
        }
    }

    /// Environment variables the target reads: its key and those in header values.
    private func referencedVariables(of target: TargetConfig) -> [String] {
        var names: [String] = []
        if let source = target.apiKey { names.append(source.variable) }
        for header in target.headers { names += header.value.variables }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
