import Foundation
import TestSupport
import Testing

@testable import LensCore

/// `baseline update` killed with SIGKILL at random points leaves either the old or the new
/// baseline, never a broken file, and a history whose lines (orphans left out) end with the
/// baseline in place.
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

    /// Whether process `pid` holds a file open in `folder` that is not in place yet: an anonymous
    /// (`O_TMPFILE`, shown as "(deleted)") or hidden temporary file of the writer.
    static func isWritingTemporary(_ pid: Int32, in folder: String) -> Bool {
        let fds = "/proc/\(pid)/fd"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? [] {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(name)") else { continue }
            if target.hasPrefix(folder), target.hasSuffix("(deleted)") || target.contains("lens-gate-tmp") { return true }
        }
        return false
    }

    /// The inode of a file, to see the moment a rename replaces it.
    static func inode(_ path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    @Test func killedUpdatesLeaveAConsistentBaselineAndHistory() throws {
        let directory = Scratch.directory()
        let baseline = directory.appendingPathComponent("baselines/main.json").path
        let historyPath = HistoryFile.defaultPath(forBaseline: baseline)
        try FileManager.default.createDirectory(
            atPath: directory.appendingPathComponent("baselines").path,
            withIntermediateDirectories: true)
        try Self.results(commit: "old", samples: 100_000).write(
            toFile: directory.appendingPathComponent("old.json").path,
            atomically: true, encoding: .utf8)
        try Self.results(commit: "new", samples: 100_000).write(
            toFile: directory.appendingPathComponent("new.json").path,
            atomically: true, encoding: .utf8)
        let first = try LensGateBinary.run(["baseline", "update", "--baseline", baseline, "--from", "old.json"], in: directory)
        #expect(first.status == 0, "\(first.stderr)")

        let attempts = 24
        var sawOld = 0
        var sawNew = 0
        var killedWhileWriting = 0
        var killedBetweenTheFiles = 0
        var leftovers: Set<String> = []
        var generator = SplitMixGenerator(seed: 42)
        let baselines = directory.appendingPathComponent("baselines").path
        func temporaryFiles() -> [String] {
            let top = (try? FileManager.default.contentsOfDirectory(atPath: baselines)) ?? []
            let history = (try? FileManager.default.contentsOfDirectory(atPath: baselines + "/history")) ?? []
            return top.filter { $0.contains("lens-gate-tmp") }.map { baselines + "/" + $0 }
                + history.filter { $0.contains("lens-gate-tmp") }.map { baselines + "/history/" + $0 }
        }
        for attempt in 0..<attempts {
            let source = attempt.isMultiple(of: 2) ? "new.json" : "old.json"
            let process = Process()
            process.executableURL = LensGateBinary.url
            process.arguments = ["baseline", "update", "--baseline", baseline, "--from", source]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let historyBefore = Self.inode(historyPath)
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            switch attempt % 3 {
            case 1:
                // Aim at a write: a temporary file is open.
                while !Self.isWritingTemporary(process.processIdentifier, in: baselines), process.isRunning, Date() < deadline {
                    usleep(20)
                }
                usleep(UInt32(generator.next() % 2000))
            default:
                // Aim after the history was renamed into place: within 1 ms the baseline is still
                // being written; within 300 ms it has often landed.
                while Self.inode(historyPath) == historyBefore, process.isRunning, Date() < deadline { usleep(20) }
                usleep(UInt32(generator.next() % (attempt % 3 == 0 ? 1000 : 300_000)))
            }
            if Self.isWritingTemporary(process.processIdentifier, in: baselines) { killedWhileWriting += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Only a kill in the microseconds between naming a temporary file and renaming it can leave one.
            leftovers.formUnion(temporaryFiles())

            // Whatever the moment of death, the baseline parses and is one of the two runs...
            let loaded = try ResultsFile.load(baseline)
            let commit = loaded.run.git?.commit
            #expect(commit == "old" || commit == "new", "attempt \(attempt)")
            if commit == "old" { sawOld += 1 } else { sawNew += 1 }
            // ...and the history read against it ends with the line that describes it.
            let history = try HistoryFile.load(historyPath, baseline: .file(baseline))
            #expect(!history.ignoredTrailingLine, "attempt \(attempt): torn history line")
            #expect(history.entries.last?.commit == commit, "attempt \(attempt): the history's newest line is not the baseline's")
            #expect(history.entries.last?.baselineDigest == (try BaselineDigest.ofFile(baseline)), "attempt \(attempt)")
            if !history.orphanLines.isEmpty { killedBetweenTheFiles += 1 }
            #expect(history.orphanLines.count <= 1, "attempt \(attempt): orphans are dropped by the next update")
        }
        #expect(sawOld + sawNew == attempts)
        #expect(sawOld > 0 && sawNew > 0, "old \(sawOld), new \(sawNew): every kill left the same baseline")
        // The test only proves something if kills landed during writes and between the two files.
        #expect(killedWhileWriting > 0, "no kill landed during a write")
        #expect(killedBetweenTheFiles > 0, "no kill landed between the history and the baseline")
        #expect(leftovers.count <= 2, "\(leftovers.count) temporary files left by \(attempts) kills")

        // A completed update leaves one consistent chain and no temporary file, even of killed writers.
        let last = try LensGateBinary.run(["baseline", "update", "--baseline", baseline, "--from", "new.json"], in: directory)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(temporaryFiles().isEmpty)
        #expect(try HistoryFile.load(historyPath, baseline: .file(baseline)).orphanLines.isEmpty)
        #expect(try HistoryFile.load(historyPath, baseline: .unknown).orphanLines.isEmpty)
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
