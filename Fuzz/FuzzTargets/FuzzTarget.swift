import Stats

/// One thing the fuzzer attacks: a function that must return (or throw an error it handles) for
/// every input, whatever the bytes. A trap, an unbounded allocation or a hang is a finding.
///
/// Each target has a folder of seed inputs under `Fuzz/Corpus/<name>/`; the fuzzer mutates them,
/// and every input that ever crashed a target is kept there as a regression case that the test
/// suite replays (Tests/FuzzTests, Tests/EndToEndTests).
public struct FuzzTarget: Sendable {
    /// The target's name, also its corpus folder's name.
    public let name: String
    /// The file extension of saved inputs (`yaml`, `json`), for editors.
    public let fileExtension: String
    /// Runs one input; traps only when the code under test does.
    public let run: @Sendable ([UInt8]) -> Void
    /// Derives a new input from the corpus; defaults to `Mutator.mutate`.
    public let mutate: @Sendable (_ corpus: [[UInt8]], _ random: inout SeededGenerator) -> [UInt8]

    /// Creates a target.
    public init(
        name: String, fileExtension: String, run: @escaping @Sendable ([UInt8]) -> Void,
        mutate: @escaping @Sendable (_ corpus: [[UInt8]], _ random: inout SeededGenerator) -> [UInt8] = Mutator.mutate
    ) {
        self.name = name
        self.fileExtension = fileExtension
        self.run = run
        self.mutate = mutate
    }

    /// The in-process targets: the config, results, history and stream parsers with what is
    /// computed from what they accept (the `flags` target, which runs the binary, is built with
    /// `FlagsTarget.target(binary:)`).
    public static let inProcess: [FuzzTarget] = [
        FuzzTarget(name: "config", fileExtension: "yaml", run: ConfigTarget.run),
        FuzzTarget(name: "results", fileExtension: "json", run: ResultsTarget.run),
        FuzzTarget(name: "history", fileExtension: "jsonl", run: HistoryTarget.run),
        FuzzTarget(name: "stream", fileExtension: "bin", run: StreamTarget.run),
        FuzzTarget(name: "import", fileExtension: "json", run: ImportTarget.run),
        FuzzTarget(name: "metrics", fileExtension: "txt", run: MetricsTarget.run),
    ]

    /// The input of trial `index` of a run seeded with `seed`: a pure function of its arguments,
    /// so the input of a trial that crashed its process can be rebuilt and saved afterwards.
    public func input(seed: UInt64, index: Int, corpus: [[UInt8]]) -> [UInt8] {
        var random = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15) ^ Self.digest(name))
        // One trial in sixteen replays a corpus entry as it is (regressions and seeds stay covered).
        if !corpus.isEmpty, random.next() % 16 == 0 { return corpus[Int(random.next() % UInt64(corpus.count))] }
        return mutate(corpus, &random)
    }

    /// FNV-1a of a name: mixes the target into the seed, and names saved crash files.
    public static func digest(_ text: String) -> UInt64 { digest(Array(text.utf8)) }

    /// FNV-1a of bytes.
    public static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
