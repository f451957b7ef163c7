import Foundation

/// Runs the real `lens-gate` binary and external checkers, as CI would.
enum Processes {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams, for searches that must cover everything printed.
        var all: String { stdout + "\n" + stderr }
    }

    /// The built executable (the test target depends on it, so it is built with the tests).
    static let lensGate: URL = {
        if let explicit = ProcessInfo.processInfo.environment["LENS_GATE_BINARY"] { return URL(fileURLWithPath: explicit) }
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .flatMap { [$0.appendingPathComponent("lens-gate"), $0.deletingLastPathComponent().appendingPathComponent("lens-gate")] }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// The repository root, found from this source file's location.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs lens-gate with a clean CI environment plus `environment` (CI variables of the test
    /// process itself are removed, so that a test run inside GitHub Actions behaves the same).
    static func lensGate(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !(key.hasPrefix("GITHUB_") || key.hasPrefix("CI_") || key == "GITLAB_CI" || key == "LENS_GATE_GITLAB_TOKEN" || key == "RUNNER_TEMP")
        }
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return try run(lensGate, arguments, environment: env, directory: directory ?? temporaryDirectory())
    }

    /// Runs a tool found on PATH.
    static func tool(_ name: String, _ arguments: [String]) throws -> Outcome {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, environment: ProcessInfo.processInfo.environment, directory: nil)
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String], directory: URL?) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so that a full pipe cannot block the child.
        nonisolated(unsafe) var stdoutData = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            stdoutData = out.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                       stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-publish-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
