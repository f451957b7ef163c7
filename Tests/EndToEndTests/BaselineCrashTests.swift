import Foundation
import Testing
@testable import LensCore

/// `baseline update` killed with SIGKILL at random points leaves either the old or the new
/// baseline (and history), never a broken file.
@Suite struct BaselineCrashTests {
    /// A results file large enough that writing it takes a few milliseconds, so kills land mid-write.
    static func results(commit: String, samples: Int) -> String {
        var generator = SplitMixGenerator(seed: UInt64(commit.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let values = (0..<samples).map { _ in String(format: "%.3f", 100 + Double(generator.next() % 100_000) / 1000) }
        return """
            {"schema_version": 1, "run": {"git": {"commit": "\(commit)"}},
             "scenarios": [{"name": "chat", "samples": {"ttft_ms": [\(values.joined(separator: ","))]},
                            "counts": {"requests": \(samples), "succeeded": \(samples), "failed": 0}}]}
            """
    }

    @Test func killedUpdatesLeaveOldOrNewBaseline() throws {
        let directory = LensGateBinary.temporaryDirectory()
        let baseline = directory.appendingPathComponent("baselines/main.json").path
        try FileManager.default.createDirectory(atPath: directory.appendingPathComponent("baselines").path,
                                                withIntermediateDirectories: true)
        try Self.results(commit: "old", samples: 200_000).write(toFile: directory.appendingPathComponent("old.json").path,
                                                                atomically: true, encoding: .utf8)
        try Self.results(commit: "new", samples: 200_000).write(toFile: directory.appendingPathComponent("new.json").path,
                                                                atomically: true, encoding: .utf8)
        let first = try LensGateBinary.run(["baseline", "update", "--baseline", baseline, "--from", "old.json"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")

        var sawOld = 0
        var sawNew = 0
        var killedMidWrite = 0
        var generator = SplitMixGenerator(seed: 42)
        let baselines = directory.appendingPathComponent("baselines").path
        func temporaryFiles() -> [String] {
            let top = (try? FileManager.default.contentsOfDirectory(atPath: baselines)) ?? []
            let history = (try? FileManager.default.contentsOfDirectory(atPath: baselines + "/history")) ?? []
            return (top.map { baselines + "/" + $0 } + history.map { baselines + "/history/" + $0 }).filter { $0.contains(".tmp-") }
        }
        for attempt in 0..<30 {
            let source = attempt.isMultiple(of: 2) ? "new.json" : "old.json"
            let process = Process()
            process.executableURL = LensGateBinary.url
            process.arguments = ["baseline", "update", "--baseline", baseline, "--from", source]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if attempt.isMultiple(of: 3) {
                // Aim at the write itself: wait until the temporary file appears, then kill within 3 ms.
                let deadline = Date().addingTimeInterval(5)
                while temporaryFiles().isEmpty, process.isRunning, Date() < deadline { usleep(50) }
                usleep(UInt32(generator.next() % 3000))
            } else {
                usleep(UInt32(generator.next() % 150_000))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let leftovers = temporaryFiles()
            if !leftovers.isEmpty { killedMidWrite += 1 }
            for file in leftovers { try? FileManager.default.removeItem(atPath: file) }

            // Whatever the moment of death, the baseline parses and is one of the two runs.
            let loaded = try ResultsFile.load(baseline)
            let commit = loaded.run.git?.commit
            #expect(commit == "old" || commit == "new", "attempt \(attempt)")
            if commit == "old" { sawOld += 1 } else { sawNew += 1 }
            let history = try HistoryFile.load(HistoryFile.defaultPath(forBaseline: baseline))
            #expect(!history.ignoredTrailingLine, "attempt \(attempt): torn history line")
            #expect(history.entries.allSatisfy { $0.commit == "old" || $0.commit == "new" })
        }
        #expect(sawOld + sawNew == 30)
        // The test only proves something if some kills landed between creating and renaming a file.
        #expect(killedMidWrite > 0, "no kill landed during a write")
        let files = try FileManager.default.contentsOfDirectory(atPath: baselines).filter { $0.hasSuffix(".json") }
        #expect(files == ["main.json"])
    }
}

/// A small repeatable generator for test inputs.
struct SplitMixGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
