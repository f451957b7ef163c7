import ArgumentParser
import LensCore

/// `lens-gate merge SHARD.json… -o results.json`: one results file from the shards of a sharded run.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the results files of a sharded run (run --shard K/N) into one results file.",
        discussion: """
            Every shard file must come from the same config (config fingerprint) and shard count, \
            and each shard 1…N must be given exactly once; otherwise merge exits 2 naming the file. \
            With --allow-partial, missing shards are allowed and the merged file is marked \
            "complete": false with the missing shards listed. Samples are concatenated (request \
            and block labels renumbered so that they stay distinct), counts and tokens summed, and \
            throughputs computed over the union of the shards' wall-clock measured windows. The \
            merged file goes to 'check', 'baseline update' and the reports like any results file.

              lens-gate merge shards/*.json -o results.json
              lens-gate check results.json --baseline baselines/main.json

            Exit codes: 0 merged · 2 unreadable, invalid, foreign, duplicate or missing shard files.
            """)

    @Argument(help: ArgumentHelp("The shard results files.", valueName: "shard.json"))
    var files: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the merged results (JSON).", valueName: "file"))
    var output: String = "results.json"

    @Flag(name: .long, help: "Merge even when some shards are missing; the result is marked incomplete.")
    var allowPartial = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give the shard results files to merge") }
    }

    mutating func run() async throws {
        try OutputFile.checkWritable(output, role: "results")
        let loaded = try ResultsFile.load(files.map { (path: $0, role: "shard results") })
        let merged = try ShardMerge.merge(Array(zip(files, loaded)).map { (path: $0.0, results: $0.1) }, allowPartial: allowPartial)
        try OutputFile.write(ResultsFile.encode(merged), to: output, role: "results")
        let summary = merged.run.shards?.summary ?? "merged"
        let partial =
            merged.run.complete || merged.run.shards?.missing.isEmpty == false
            ? "" : " (run.complete = false: a shard was interrupted or lacks a scenario)"
        Console.standard.writeError("lens-gate: \(summary); wrote \(output)\(partial)")
    }
}
