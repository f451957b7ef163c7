import Foundation

/// Runs the real `lens-gate` binary built next to the test bundle, as CI would.
struct LensGateBinary {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable (the test target depends on it, so it is built with the tests).
    static let url: URL = {
        if let explicit = ProcessInfo.processInfo.environment["LENS_GATE_BINARY"] { return URL(fileURLWithPath: explicit) }
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .flatMap { [$0.appendingPathComponent("lens-gate"), $0.deletingLastPathComponent().appendingPathComponent("lens-gate")] }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// The fixtures folder of this test target.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Runs lens-gate with `arguments` in `directory` (a fresh temporary one by default).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let workingDirectory = directory ?? temporaryDirectory()
        process.currentDirectoryURL = workingDirectory
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_STEP_SUMMARY"] = nil
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so that a large stdout cannot block the child.
        // The semaphore, not `Thread.isExecuting`, says when the reader is done: a thread that has
        // not started yet is not executing either, and stdout would come back empty.
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
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
