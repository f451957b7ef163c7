import Foundation

/// Runs a program to its end and collects what it printed: the one process runner of the test suites.
public enum ChildProcess {
    /// Runs `executable` with `arguments`; `environment` nil inherits the test process's, `stdin`
    /// is written to its standard input (which is otherwise empty).
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
        stdin: String? = nil
    ) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Both pipes are read concurrently so that a full pipe cannot block the child. The
        // semaphore, not `Thread.isExecuting`, says when the reader is done: a thread that has not
        // started yet is not executing either, and stdout would come back empty.
        nonisolated(unsafe) var stdoutData = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            stdoutData = out.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        return ProcessOutcome(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// Checkers found on PATH (xmllint, python3, check-jsonschema), run on files the tests wrote.
public enum ExternalTool {
    /// Runs tool `name` with `arguments`, feeding `stdin` when given.
    public static func run(_ name: String, _ arguments: [String], stdin: String? = nil) throws -> ProcessOutcome {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, stdin: stdin)
    }
}
