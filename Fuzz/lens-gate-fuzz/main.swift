import Foundation
import FuzzTargets

/// lens-gate-fuzz: a seeded mutation fuzzer for lens-gate's parsers and numeric flags.
///
///     lens-gate-fuzz run [--seconds N] [--seed S] [--targets a,b] [--binary PATH] [--corpus DIR] [--crashes DIR]
///     lens-gate-fuzz replay TARGET FILE... [--binary PATH]
///
/// `run` shares the time among the targets and runs each in worker processes (this executable
/// again, `worker` mode) so that a trap cannot take the fuzzer down with it: a worker writes the
/// index of each trial to a progress file before running it; when a worker dies (a signal, an
/// unexpected exit) or stops making progress (a hang), the supervisor rebuilds that trial's input
/// from the seed and the index, saves it under the crashes folder, reports it, and goes on with
/// the next index. The exit status is 1 when anything was found, 0 otherwise; each run prints
/// its seed so that any finding can be reproduced (`--seed`, then `replay`).

struct Options {
    var seconds = 90.0
    var seed = UInt64(Date().timeIntervalSince1970 * 1000) & 0xFFFF_FFFF
    var targets: [String]? = nil
    var binary: String? = nil
    var corpus = "Fuzz/Corpus"
    var crashes = ".build/fuzz-crashes"
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-fuzz-\(getpid())").path
    var positional: [String] = []

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        while let argument = rest.popFirst() {
            func value() -> String {
                guard let next = rest.popFirst() else { Fuzzer.fail("\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--seconds": seconds = Double(value()) ?? seconds
            case "--seed": seed = UInt64(value()) ?? seed
            case "--targets": targets = value().split(separator: ",").map(String.init)
            case "--binary": binary = value()
            case "--corpus": corpus = value()
            case "--crashes": crashes = value()
            case "--work": workDirectory = value()
            default: positional.append(argument)
            }
        }
    }

    /// The targets to fuzz: the in-process ones, plus `flags` when a binary is given.
    var fuzzTargets: [FuzzTarget] {
        var all = FuzzTarget.inProcess
        if let binary { all.append(FlagsTarget.target(binary: binary, directory: workDirectory + "/flags")) }
        guard let targets else { return all }
        return targets.map { name in
            guard let target = all.first(where: { $0.name == name }) else {
                Fuzzer.fail("unknown target '\(name)' (known: \(all.map(\.name).joined(separator: ", ")); flags needs --binary)")
            }
            return target
        }
    }
}

/// Writes a line to stdout at once (CI logs interleave it with the workers' lifetimes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

enum Fuzzer {
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("lens-gate-fuzz: \(message)\n".utf8))
        exit(2)
    }

    static func corpus(of target: FuzzTarget, in directory: String) -> [[UInt8]] {
        let folder = directory + "/" + target.name
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
    }

    /// Worker mode: runs trials `start...` until `deadline` (seconds since 1970), writing each index first.
    static func work(_ options: Options) -> Never {
        guard options.positional.count == 5, let target = options.fuzzTargets.first(where: { $0.name == options.positional[1] }),
            let start = Int(options.positional[2]), let deadline = Double(options.positional[3])
        else {
            fail("usage: worker TARGET START DEADLINE PROGRESS_FILE")
        }
        let progress = open(options.positional[4], O_WRONLY)
        guard progress >= 0 else { fail("cannot open the progress file") }
        let corpus = corpus(of: target, in: options.corpus)
        var index = start
        while Date().timeIntervalSince1970 < deadline {
            var value = Int64(index)
            _ = pwrite(progress, &value, 8, 0)
            target.run(target.input(seed: options.seed, index: index, corpus: corpus))
            index += 1
        }
        var value = Int64(index)
        _ = pwrite(progress, &value, 8, 0)
        exit(0)
    }

    /// Supervisor mode: fuzzes each target for its share of the time and reports.
    static func supervise(_ options: Options) -> Never {
        let targets = options.fuzzTargets
        guard !targets.isEmpty else { fail("no targets") }
        try? FileManager.default.createDirectory(atPath: options.crashes, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: options.workDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: options.workDirectory) }
        say("lens-gate-fuzz: seed \(options.seed), \(Int(options.seconds)) s over \(targets.map(\.name).joined(separator: ", "))")
        var findings = 0
        var totalTrials = 0
        for target in targets {
            let share = options.seconds / Double(targets.count)
            let (trials, found) = fuzz(target, for: share, options: options)
            totalTrials += trials
            findings += found
            say(
                String(
                    format: "  %-8@ %7d trials in %5.1f s, %d finding%@", target.name as NSString, trials, share, found,
                    (found == 1 ? "" : "s") as NSString))
        }
        say(
            "lens-gate-fuzz: \(totalTrials) trials, \(findings) finding\(findings == 1 ? "" : "s")"
                + (findings > 0 ? " saved in \(options.crashes) (replay: lens-gate-fuzz replay TARGET FILE)" : ""))
        exit(findings > 0 ? 1 : 0)
    }

    /// Runs worker processes for `seconds`, restarting after each finding; returns trials and findings.
    static func fuzz(_ target: FuzzTarget, for seconds: Double, options: Options) -> (trials: Int, findings: Int) {
        let end = Date().timeIntervalSince1970 + seconds
        let progressPath = options.workDirectory + "/progress-\(target.name)"
        let corpus = corpus(of: target, in: options.corpus)
        var next = 0
        var findings = 0
        // A trial that makes no progress for this long is a hang (flags trials stop their command after 8 s).
        let hangSeconds = target.name == "flags" ? 30.0 : 10.0
        while Date().timeIntervalSince1970 < end {
            _ = FileManager.default.createFile(atPath: progressPath, contents: Data(count: 8))
            let worker = Process()
            worker.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            var arguments = [
                "worker", target.name, String(next), String(end), progressPath, "--seed", String(options.seed),
                "--corpus", options.corpus, "--work", options.workDirectory,
            ]
            if let binary = options.binary { arguments += ["--binary", binary] }
            worker.arguments = arguments
            worker.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            worker.standardError = errors
            do { try worker.run() } catch { fail("cannot start a worker: \(error)") }
            nonisolated(unsafe) var stderrText = Data()
            let done = DispatchSemaphore(value: 0)
            Thread {
                stderrText = errors.fileHandleForReading.readDataToEndOfFile()
                done.signal()
            }.start()
            var lastIndex = -1
            var lastChange = Date()
            var hung = false
            while worker.isRunning {
                usleep(20_000)
                let index = readProgress(progressPath)
                if index != lastIndex {
                    lastIndex = index
                    lastChange = Date()
                } else if Date().timeIntervalSince(lastChange) > hangSeconds {
                    hung = true
                    kill(worker.processIdentifier, SIGKILL)
                }
            }
            worker.waitUntilExit()
            done.wait()
            let index = readProgress(progressPath)
            let clean = worker.terminationReason == .exit && worker.terminationStatus == 0 && !hung
            if clean {
                next = index
                continue
            }
            findings += 1
            let input = target.input(seed: options.seed, index: index, corpus: corpus)
            let file = "\(options.crashes)/\(target.name)-\(String(FuzzTarget.digest(input), radix: 16)).\(target.fileExtension)"
            _ = FileManager.default.createFile(atPath: file, contents: Data(input))
            let how =
                hung
                ? "hang (no progress for \(Int(hangSeconds)) s)"
                : worker.terminationReason == .uncaughtSignal ? "signal \(worker.terminationStatus)" : "exit \(worker.terminationStatus)"
            let reason =
                String(decoding: stderrText, as: UTF8.self).split(separator: "\n")
                .first { $0.contains("Fatal error") || $0.contains("fatal error") || $0.contains("lens-gate") }
                .map { ": " + String($0.prefix(300)) } ?? ""
            say("FINDING \(target.name) trial \(index) (seed \(options.seed)): \(how)\(reason)\n  saved \(file)")
            next = index + 1
        }
        return (next, findings)
    }

    static func readProgress(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 8 else { return 0 }
        return Int(data.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
    }

    /// Replay mode: runs saved inputs in this process (a crash shows with its backtrace).
    static func replay(_ options: Options) -> Never {
        guard options.positional.count >= 3, let target = options.fuzzTargets.first(where: { $0.name == options.positional[1] }) else {
            fail("usage: replay TARGET FILE... (flags needs --binary)")
        }
        for path in options.positional.dropFirst(2) {
            guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
            target.run([UInt8](data))
            say("\(path): ok")
        }
        exit(0)
    }
}

let options = Options(CommandLine.arguments.dropFirst())
switch options.positional.first {
case "run": Fuzzer.supervise(options)
case "worker": Fuzzer.work(options)
case "replay": Fuzzer.replay(options)
default: Fuzzer.fail("usage: lens-gate-fuzz run|replay … (see the comment at the top of Fuzz/lens-gate-fuzz/main.swift)")
}
