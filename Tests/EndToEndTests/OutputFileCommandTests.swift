import Foundation
import Testing

@testable import LensCore

#if canImport(Glibc)
    import Glibc
    import TestSupport
#endif

/// The files the binary writes, through its commands: devices and FIFOs are written into and stay
/// what they are, symbolic links are refused, and a write that fails (the disk is full — here, a
/// file-size limit) leaves the old file whole and no temporary file behind.
@Suite(.serialized) struct OutputFileCommandTests {
    static let baseline = LensGateBinary.fixture("baseline.json")
    static let unchanged = LensGateBinary.fixture("unchanged.json")

    /// The file type bits of what is at `path` (without following a link).
    static func kind(_ path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// Writer temporaries (named or not yet renamed) in `folder`.
    static func temporaries(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains("lens-gate-tmp") }
    }

    /// A private null device (major 1, minor 3) in `folder`, or a FIFO where device nodes cannot be
    /// made: never the machine's /dev/null, which a broken writer would replace.
    static func nullDevice(in folder: String, named name: String) -> (path: String, isDevice: Bool) {
        let path = folder + "/" + name
        if mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 { return (path, true) }
        mkfifo(path, 0o600)
        return (path, false)
    }

    /// Reads a FIFO to its end on another thread; `wait()` returns what was read.
    final class FIFOReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ path: String) {
            Thread { [self] in
                data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
                done.signal()
            }.start()
        }

        func wait() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Runs lens-gate under a file-size limit of `blocks` × 512 bytes (dash's `ulimit -f` unit), with
    /// SIGXFSZ ignored so that a write past the limit fails with EFBIG, as on a full disk.
    static func runLimited(
        blocks: Int, _ arguments: [String], in directory: URL,
        environment: [String: String] = [:]
    ) throws -> ProcessOutcome {
        try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\"", LensGateBinary.url.path] + arguments,
            environment: LensGateBinary.environment(adding: environment), directory: directory)
    }

    @Test func reportsGoIntoFIFOsAndDevicesWhichStayWhatTheyAre() throws {
        let directory = Scratch.directory()
        let folder = directory.path
        let junit = folder + "/junit.fifo"
        let json = folder + "/verdict.fifo"
        #expect(mkfifo(junit, 0o600) == 0 && mkfifo(json, 0o600) == 0)
        let device = Self.nullDevice(in: folder, named: "null")
        let junitReader = FIFOReader(junit)
        let jsonReader = FIFOReader(json)
        let deviceReader = device.isDevice ? nil : FIFOReader(device.path)
        let outcome = try LensGateBinary.run(
            [
                "check", Self.unchanged, "--baseline", Self.baseline, "--junit", junit,
                "--json", json, "--markdown", device.path,
            ], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(junitReader.wait().contains("<testsuites"))
        #expect(jsonReader.wait().contains("\"verdict\""))
        _ = deviceReader?.wait()
        #expect(Self.kind(junit) == S_IFIFO)
        #expect(Self.kind(json) == S_IFIFO)
        #expect(Self.kind(device.path) == (device.isDevice ? S_IFCHR : S_IFIFO))
        #expect(Self.temporaries(in: folder).isEmpty)
    }

    @Test func devStdoutIsTheProcesssOwnStandardOutput() throws {
        let directory = Scratch.directory()
        let outcome = try LensGateBinary.run(
            [
                "check", Self.unchanged, "--baseline", Self.baseline, "--markdown", "report.md",
                "--json", "/dev/stdout",
            ], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let verdict = try JSONParser.parse(outcome.stdout)
        #expect(try verdict.object(at: .root).required("verdict").string(at: .root) == "passed")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.md").path))
    }

    @Test func runWritesResultsAndCSVIntoDevicesWithoutReplacingThem() throws {
        // The audit's `run --output /dev/null --csv /dev/null`, on private device nodes.
        let directory = Scratch.directory()
        try GateCommandTests.config.write(to: directory.appendingPathComponent("lens-gate.yaml"), atomically: true, encoding: .utf8)
        let results = Self.nullDevice(in: directory.path, named: "results-null")
        let csv = Self.nullDevice(in: directory.path, named: "csv-null")
        let readers = [results, csv].filter { !$0.isDevice }.map { FIFOReader($0.path) }
        let outcome = try LensGateBinary.run(["run", "--output", results.path, "--csv", csv.path, "--quiet"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let read = readers.map { $0.wait() }
        if !results.isDevice { #expect(read.first?.contains("\"scenarios\"") == true) }
        #expect(Self.kind(results.path) == (results.isDevice ? S_IFCHR : S_IFIFO))
        #expect(Self.kind(csv.path) == (csv.isDevice ? S_IFCHR : S_IFIFO))
        #expect(Self.temporaries(in: directory.path).isEmpty)
    }

    @Test func symbolicLinksAreRefusedWithOneLineAndExit2() throws {
        let directory = Scratch.directory()
        let folder = directory.path
        try "keep".write(toFile: folder + "/target.json", atomically: false, encoding: .utf8)
        #expect(symlink(folder + "/target.json", folder + "/link.json") == 0)
        let check = try LensGateBinary.run(["check", Self.unchanged, "--baseline", Self.baseline, "--json", "link.json"], in: directory)
        #expect(check.status == 2)
        let lines = check.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(check.stderr.contains("link.json: cannot write the JSON verdict: is a symbolic link"))
        #expect(try String(contentsOfFile: folder + "/target.json", encoding: .utf8) == "keep")
        #expect(Self.kind(folder + "/link.json") == S_IFLNK)

        // A linked baseline is refused before anything is written: no history appears.
        #expect(symlink(folder + "/target.json", folder + "/main.json") == 0)
        try BaselineCrashTests.results(commit: "new", samples: 2_000).write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
        let update = try LensGateBinary.run(["baseline", "update", "--baseline", "main.json", "--from", "run.json"], in: directory)
        #expect(update.status == 2, "\(update.stderr)")
        #expect(update.stderr.contains("main.json: cannot write the baseline: is a symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/history"))
        #expect(try String(contentsOfFile: folder + "/target.json", encoding: .utf8) == "keep")
    }

    @Test func aReportThatCannotBeWrittenWholeLeavesTheOldOne() throws {
        let directory = Scratch.directory()
        let verdict = directory.appendingPathComponent("verdict.json").path
        try "old verdict".write(toFile: verdict, atomically: false, encoding: .utf8)
        // 1 KiB: the JSON verdict is several times larger.
        let outcome = try Self.runLimited(
            blocks: 2, ["check", Self.unchanged, "--baseline", Self.baseline, "--json", "verdict.json"],
            in: directory)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("verdict.json: cannot write the JSON verdict: write: File too large"))
        #expect(try String(contentsOfFile: verdict, encoding: .utf8) == "old verdict")
        #expect(Self.temporaries(in: directory.path).isEmpty)
    }

    @Test func aStepSummaryAppendThatFailsIsCutBack() throws {
        let directory = Scratch.directory()
        let summary = directory.appendingPathComponent("step-summary.md").path
        let earlier = String(repeating: "earlier step\n", count: 69)  // 897 bytes of the 1 KiB limit
        try earlier.write(toFile: summary, atomically: false, encoding: .utf8)
        let outcome = try Self.runLimited(
            blocks: 2, ["check", Self.unchanged, "--baseline", Self.baseline], in: directory,
            environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("step-summary.md: cannot write the GitHub step summary: append: File too large"))
        #expect(try String(contentsOfFile: summary, encoding: .utf8) == earlier)
    }

    @Test func aBaselineThatCannotBeWrittenLeavesTheOldPair() throws {
        let directory = Scratch.directory()
        try BaselineCrashTests.results(commit: "old", samples: 2_000)
            .write(toFile: directory.appendingPathComponent("old.json").path, atomically: true, encoding: .utf8)
        try BaselineCrashTests.results(commit: "new", samples: 200_000)
            .write(toFile: directory.appendingPathComponent("new.json").path, atomically: true, encoding: .utf8)
        let first = try LensGateBinary.run(
            ["baseline", "update", "--baseline", "baselines/main.json", "--from", "old.json"],
            in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let baselinePath = directory.appendingPathComponent("baselines/main.json").path
        let historyPath = directory.appendingPathComponent("baselines/history/main.jsonl").path
        let oldBaseline = FileManager.default.contents(atPath: baselinePath)
        let oldHistory = FileManager.default.contents(atPath: historyPath)

        // 64 KiB: room for the history, not for a baseline of 200,000 samples.
        let update = try Self.runLimited(
            blocks: 128, ["baseline", "update", "--baseline", "baselines/main.json", "--from", "new.json"],
            in: directory)
        #expect(update.status == 2, "\(update.stderr)")
        #expect(update.stderr.contains("baselines/main.json: cannot write the baseline: write: File too large"))
        #expect(FileManager.default.contents(atPath: baselinePath) == oldBaseline)
        #expect(FileManager.default.contents(atPath: historyPath) == oldHistory)
        #expect(Self.temporaries(in: directory.appendingPathComponent("baselines").path).isEmpty)
        #expect(Self.temporaries(in: directory.appendingPathComponent("baselines/history").path).isEmpty)
    }
}
