import Foundation
import Testing

@testable import LensCore

/// docs/config.md lists exactly the keys the loader accepts: every key list the loader checks
/// against (`rejectUnknownKeys`) has a table in the page, one row per key, and no row names a key
/// the loader would refuse. Adding a key to the loader without documenting it fails here.
@Suite struct ConfigDocumentationTests {
    /// The page's section (its heading starts with `heading`) and the loader's keys for it.
    static let sections: [(heading: String, keys: [String])] = [
        ("## Top level", LensConfig.topLevelKeys),
        ("## Targets (`targets.<name>`)", TargetConfig.keys),
        ("### Engine metrics (`targets.<name>.engine_metrics`)", EngineMetricsConfig.keys),
        ("## Simulator (`targets.<name>.simulator`)", SimulatedEndpoint.keys),
        ("## Workloads (`workloads.<name>`)", WorkloadConfig.keys),
        ("### Prompt files", WorkloadConfig.promptFileKeys),
        ("### Synthetic prompts", WorkloadConfig.syntheticKeys),
        ("## Scenarios (`scenarios[]`)", ScenarioConfig.keys),
        ("## Load (", LoadConfig.keys),
        ("## Abort rules (", AbortPolicy.keys),
        ("## SLO (`slo`, `scenarios[].slo`)", ServiceLevelObjective.keys),
        ("## Run defaults (`run`)", RunDefaults.keys),
        ("## Pricing (", PricingTable.priceKeys),
        ("## Gate (`gate`)", GateConfig.keys),
        ("### Confirmation (`gate.confirm`)", GateConfig.confirmKeys),
        ("### Comparison rules (`gate.rules[]`)", GateConfig.ruleKeys),
        ("### Quality gates (`gate.quality_gates[]`)", GateConfig.qualityGateKeys),
        ("### Budgets (`gate.budgets[]`)", GateConfig.budgetKeys),
        ("### Trend rules (`gate.trend[]`)", GateConfig.trendKeys),
        ("### Per-scenario overrides (`gate.scenarios.<name>`)", GateConfig.overrideKeys),
        ("### Provider presets", Provider.allCases.map(\.rawValue)),
    ]

    static func page() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/config.md")
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
    }

    /// The backticked first cells of the table rows under `heading`, up to the next heading.
    static func rowKeys(under heading: String, in lines: [String]) -> [String]? {
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return nil }
        var keys: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            guard line.hasPrefix("| `") else { continue }
            let cell = line.dropFirst(3)
            guard let end = cell.firstIndex(of: "`") else { continue }
            keys.append(String(cell[..<end]))
        }
        return keys
    }

    @Test(arguments: sections.map(\.heading))
    func everyAcceptedKeyHasARowAndEveryRowIsAccepted(heading: String) throws {
        let lines = try Self.page()
        let accepted = try #require(Self.sections.first { $0.heading == heading }).keys
        let documented = try #require(Self.rowKeys(under: heading, in: lines), "docs/config.md has no section '\(heading)'")
        let missing = accepted.filter { !documented.contains($0) }
        let unknown = documented.filter { !accepted.contains($0) }
        #expect(missing.isEmpty, "accepted by the loader but not documented under '\(heading)': \(missing)")
        #expect(unknown.isEmpty, "documented under '\(heading)' but refused by the loader: \(unknown)")
    }

    @Test func theCheckCatchesAnUndocumentedKey() throws {
        // The same comparison on a page without the `seed` row must report it.
        let lines = try Self.page().filter { !$0.hasPrefix("| `seed` | integer | `1` |") }
        let documented = try #require(Self.rowKeys(under: "## Run defaults (`run`)", in: lines))
        #expect(!documented.contains("seed"))
        #expect(RunDefaults.keys.contains("seed"))
    }

    @Test func everyProtocolIsDocumented() throws {
        let text = try Self.page().joined(separator: "\n")
        for wire in WireProtocol.allCases { #expect(text.contains("| `\(wire.rawValue)` |"), "\(wire.rawValue)") }
    }
}
