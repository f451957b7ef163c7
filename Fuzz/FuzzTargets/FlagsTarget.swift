import Foundation
import Gate
import LensCore
import Stats

/// The numeric flags of the real `lens-gate` binary: each input is a command line (one argument
/// per line; `@DIR@` is a working folder with a results file, a baseline, a history, a Markdown
/// summary and configs that run the embedded simulator). The binary must exit with one of its
/// documented codes (0–4); death by a signal is a finding. `sim` is also sent one streamed request.
public enum FlagsTarget {
    /// The target for the binary at `binary`, working in `directory` (created and filled once).
    public static func target(binary: String, directory: String) -> FuzzTarget {
        prepare(directory)
        return FuzzTarget(
            name: "flags", fileExtension: "args", run: { bytes in run(bytes, binary: binary, directory: directory) },
            mutate: mutate)
    }

    /// Longest time one command may take before it is stopped (a valid but slow setting, not a finding).
    static let timeoutSeconds = 8.0

    static func run(_ bytes: [UInt8], binary: String, directory: String) {
        let arguments = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "@DIR@", with: directory) }
            .filter { !$0.isEmpty }
        guard !arguments.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") && !$0.key.hasPrefix("CI") }
        environment["NO_COLOR"] = "1"
        environment["GITHUB_API_URL"] = "http://127.0.0.1:9"
        environment["CI_API_V4_URL"] = "http://127.0.0.1:9/api/v4"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = arguments[0] == "sim" ? output : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { fatalError("cannot start \(binary): \(error)") }
        var stopped = false
        if arguments[0] == "sim" {
            if let port = firstLine(output.fileHandleForReading, timeout: 3).flatMap({ Int($0) }), port > 0 {
                request(port: port)
            }
            process.terminate()
            stopped = true
        }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            stopped = true
            let grace = Date().addingTimeInterval(2)
            while process.isRunning, Date() < grace { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        switch process.terminationReason {
        case .uncaughtSignal where stopped && (status == SIGTERM || status == SIGKILL):
            return
        case .uncaughtSignal:
            fatalError("lens-gate died of signal \(status): \(arguments.joined(separator: " "))")
        case .exit where !(0...4).contains(status):
            fatalError("lens-gate exited \(status), not a documented code: \(arguments.joined(separator: " "))")
        default:
            return
        }
    }

    /// The first line the process writes, or nil after `timeout` seconds.
    static func firstLine(_ handle: FileHandle, timeout: Double) -> String? {
        let descriptor = handle.fileDescriptor
        var collected: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == 0x0A { return String(decoding: collected, as: UTF8.self) }
            collected.append(byte)
        }
        return nil
    }

    /// One streamed chat request to 127.0.0.1:`port`, reading the answer for at most 3 s.
    static func request(port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return }
        let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":8,"stream":true}"#
        let request =
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        _ = Array(request.utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, recv(socket, &buffer, buffer.count, 0) > 0 {}
    }

    /// Writes the files the command lines refer to.
    static func prepare(_ directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) {
            _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes))
        }
        let reference = GatePipeline.reference
        write("fuzz-baseline.json", ResultsFile.encode(reference))
        write("fuzz-current.json", ResultsFile.encode(GatePipeline.run(seed: 8, scale: 1.02)))
        let line = HistoryFile.encode([HistoryEntry(summarizing: reference)])
        write("fuzz-history.jsonl", line + line + line + line)
        write("summary.md", Array("### lens-gate passed\n".utf8))
        write(
            "sim.yaml",
            Array(
                """
                targets:
                  sim: {provider: simulator, model: m, simulator: {ttft_ms: 1, itl_ms: 1, tokens: 4}}
                workloads:
                  w: {prompt: hi, max_tokens: 4}
                scenarios:
                  - {name: s, target: sim, workload: w, load: {requests: 3}}
                """.utf8))
        write(
            "ab.yaml",
            Array(
                """
                targets:
                  base: {provider: simulator, model: m, simulator: {ttft_ms: 1, itl_ms: 1, tokens: 4}}
                  cand: {provider: simulator, model: m, simulator: {ttft_ms: 1, itl_ms: 1, tokens: 4}}
                workloads:
                  w: {prompt: hi, max_tokens: 4}
                scenarios:
                  - {name: s, target: cand, baseline_target: base, workload: w, load: {requests: 4}}
                gate: {confirm: {reruns: 0}}
                """.utf8))
    }

    /// Replaces flag values (the line after a `--flag`, or the part after `=`) with extreme numbers,
    /// sometimes repeats or drops an argument.
    @Sendable static func mutate(_ corpus: [[UInt8]], _ random: inout SeededGenerator) -> [UInt8] {
        guard !corpus.isEmpty else { return [] }
        var lines = String(decoding: corpus[Int(random.next() % UInt64(corpus.count))], as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let values = lines.indices.filter { index in
            (index > 0 && lines[index - 1].hasPrefix("--") && !lines[index - 1].contains("=") && !lines[index].hasPrefix("--")
                && !lines[index].contains("@DIR@")) || (lines[index].hasPrefix("--") && lines[index].contains("="))
        }
        for _ in 0..<(1 + Int(random.next() % 3)) {
            switch random.next() % 8 {
            case 0:
                if !lines.isEmpty { lines.remove(at: Int(random.next() % UInt64(lines.count))) }
            case 1:
                if !lines.isEmpty { lines.append(lines[Int(random.next() % UInt64(lines.count))]) }
            default:
                guard !values.isEmpty else { continue }
                let index = values[Int(random.next() % UInt64(values.count))]
                guard index < lines.count else { continue }
                let value = randomNumber(&random)
                if let equals = lines[index].firstIndex(of: "=") {
                    lines[index] = String(lines[index][...equals]) + value
                } else {
                    lines[index] = value
                }
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    static func randomNumber(_ random: inout SeededGenerator) -> String {
        switch random.next() % 4 {
        case 0:
            return String(Int64(bitPattern: random.next()) >> (random.next() % 64))
        case 1:
            let exponent = Int(random.next() % 640) - 320
            return "\(Double(random.next() % 1000) / 100)e\(exponent)"
        default:
            return Mutator.interestingNumbers[Int(random.next() % UInt64(Mutator.interestingNumbers.count))]
        }
    }
}
