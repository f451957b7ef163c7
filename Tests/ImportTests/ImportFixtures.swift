import Foundation

/// Paths of the real tool outputs in Fixtures/ (see Fixtures/README.md) and an independent
/// reading of them with Foundation's JSON parser, to check the importers against.
enum ImportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func json(_ relative: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(relative)))
    }

    static func jsonLines(_ relative: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// Every run of every tool, with the format it must be detected as.
    static let all: [(file: String, format: String)] =
        ["base", "again", "slow"].flatMap { run in
            [
                ("vllm/\(run).json", "vllm"), ("vllm/\(run)-aggregate.json", "vllm"), ("guidellm/\(run).json", "guidellm"),
                ("aiperf/\(run).jsonl", "aiperf"),
                ("aiperf/\(run)-aggregate.json", "aiperf-aggregate"), ("genai-perf/\(run).json", "genai-perf"),
                ("llmperf/\(run)_individual_responses.json", "llmperf"), ("llmperf/\(run)_summary.json", "llmperf-summary"),
            ]
        } + [("guidellm/base.yaml", "guidellm")]

    /// Whether a fixture holds aggregates only (no per-request data).
    static func isAggregateOnly(_ file: String) -> Bool { file.hasSuffix("-aggregate.json") || file.hasSuffix("_summary.json") }
}
