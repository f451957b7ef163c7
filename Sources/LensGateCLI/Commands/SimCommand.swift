import ArgumentParser
import Foundation
import LensCore
import Simulator

/// `lens-gate sim`: serve a simulated LLM endpoint on 127.0.0.1 until SIGINT/SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve a simulated LLM endpoint (OpenAI, Anthropic, Ollama, TGI) on 127.0.0.1.",
        discussion: """
            For demos, tests and calibrating a gate: the simulator answers every API lens-gate \
            speaks with the latencies you set, can be slowed down to fake a regression, and can \
            inject faults. The chosen port is printed on stdout as the first line; the simulator \
            runs until Ctrl-C or SIGTERM. Each response carries x-sim-request-id; --truth-log \
            writes what was injected per request as JSON lines.

            Paths: /v1/chat/completions, /v1/completions, /v1/messages, /api/chat, /api/generate, \
            /generate, /generate_stream, /v1/models, /api/tags, /health, and /tokenize with \
            --tokenizer.

            Examples:
              lens-gate sim --port 8000 --ttft-ms 120 --itl-ms 15
              lens-gate sim --port 0 --seed 7 --slowdown 1.15          # a 15% regression
              lens-gate sim --fault-429 0.1 --fault-reset 0.02 --truth-log truth.jsonl
              lens-gate sim --tokens-per-chunk 3 --no-usage --tokenizer vllm   # counts need /tokenize
            """)

    @Option(help: "Port to listen on (0 picks a free one; up to 65535).")
    var port: Int = 8000

    @Option(help: "Seed of all random draws (latencies, faults, text).")
    var seed: UInt64 = 0

    @Option(help: "Event-loop threads (1 to 256).")
    var threads: Int = 1

    @Option(help: "Factor on every latency (1.15 = 15% slower; above 0, at most 1000).")
    var slowdown: Double = 1

    @Option(name: .customLong("ttft-ms"), help: "Median time to first token, ms (above 0, at most 3600000).")
    var ttftMs: Double = 20

    @Option(name: .customLong("itl-ms"), help: "Median gap between chunks, ms (above 0, at most 3600000).")
    var itlMs: Double = 5

    @Option(help: "Spread of latencies: sigma of a log-normal (0 = constant, at most 3).")
    var jitter: Double = 0

    @Option(help: "Output tokens per response, before the request's max_tokens (1 to 1000000).")
    var tokens: Int = 16

    @Option(name: .customLong("tokens-per-chunk"), help: "Tokens carried by each streamed chunk (1 to 1000000).")
    var tokensPerChunk: Int = 1

    @Option(
        name: .customLong("decode-spread"),
        help: ArgumentHelp(
            "Spread of each request's own decode speed, as real engines have: sigma of a log-normal factor on all gaps of a request (0 = alike, at most 3).",
            valueName: "sigma"))
    var decodeSpread: Double = 0

    @Option(name: .customLong("fault-429"), help: "Probability of HTTP 429 with Retry-After.")
    var fault429: Double = 0

    @Option(name: .customLong("fault-503"), help: "Probability of HTTP 503 with Retry-After.")
    var fault503: Double = 0

    @Option(name: .customLong("fault-slow-headers"), help: "Probability of delayed response headers.")
    var faultSlowHeaders: Double = 0

    @Option(name: .customLong("fault-reset"), help: "Probability of a connection reset mid-stream.")
    var faultReset: Double = 0

    @Option(name: .customLong("fault-stall"), help: "Probability of a stream that stalls.")
    var faultStall: Double = 0

    @Option(name: .customLong("fault-malformed"), help: "Probability of a malformed frame.")
    var faultMalformed: Double = 0

    @Option(name: .customLong("fault-invalid-utf8"), help: "Probability of invalid UTF-8 in a chunk.")
    var faultInvalidUTF8: Double = 0

    @Option(
        name: .customLong("fault-cut"),
        help: ArgumentHelp(
            "Probability of a generation cancelled before any content: the stream ends cleanly without its end marker (OpenAI: role chunk then [DONE], as llama.cpp does).",
            valueName: "p"))
    var faultCut: Double = 0

    @Flag(name: .customLong("no-usage"), help: "Send no token counts (usage, eval_count, details), like servers that report none.")
    var noUsage = false

    @Option(help: ArgumentHelp("Serve POST /tokenize in this engine's shape: vllm, llama.cpp or tgi.", valueName: "dialect"))
    var tokenizer: String?

    @Option(name: .customLong("truth-log"), help: "Append what was injected per request to this JSON-lines file.")
    var truthLog: String?

    /// Every numeric flag within its documented range (`InputLimits`, docs/configuration.md).
    func validate() throws {
        try InputLimits.port.check(port, flag: "--port")
        try InputLimits.simulatorThreads.check(threads, flag: "--threads")
        try InputLimits.slowdown.check(slowdown, flag: "--slowdown")
        try InputLimits.simulatedLatencyMs.check(ttftMs, flag: "--ttft-ms")
        try InputLimits.simulatedLatencyMs.check(itlMs, flag: "--itl-ms")
        try InputLimits.jitter.check(jitter, flag: "--jitter")
        try InputLimits.tokens.check(tokens, flag: "--tokens")
        try InputLimits.tokens.check(tokensPerChunk, flag: "--tokens-per-chunk")
        try InputLimits.jitter.check(decodeSpread, flag: "--decode-spread")
        for (flag, probability) in [
            ("--fault-429", fault429), ("--fault-503", fault503), ("--fault-slow-headers", faultSlowHeaders),
            ("--fault-reset", faultReset), ("--fault-stall", faultStall),
            ("--fault-malformed", faultMalformed), ("--fault-invalid-utf8", faultInvalidUTF8),
            ("--fault-cut", faultCut),
        ] {
            try InputLimits.fraction.check(probability, flag: flag)
        }
        if let tokenizer { _ = try Self.dialect(tokenizer) }
    }

    mutating func run() async throws {
        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(try makeConfiguration())
        } catch let error as SimulatorError {
            throw SimulatorFailure(error: error)
        }
        Console.standard.writeOutput("\(server.port)")
        Console.standard.writeError("lens-gate sim: serving on \(server.baseURL) (Ctrl-C to stop)")
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let trap = InterruptTrap { continuation.yield($0) }
        for await _ in stream { break }
        trap.remove()
        do {
            try await server.stop()
        } catch {
            throw SimulatorFailure(error: error)
        }
    }

    private static func dialect(_ name: String) throws -> TokenizerDialect {
        guard let dialect = TokenizerDialect(rawValue: name) else {
            throw ValidationError(
                "--tokenizer must be one of \(TokenizerDialect.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
        }
        return dialect
    }

    private func makeConfiguration() throws -> SimulatorConfiguration {
        let profile = try LatencyProfile(
            timeToFirstToken: try .milliseconds(median: ttftMs, jitter: jitter, name: "--ttft-ms"),
            interChunk: try .milliseconds(median: itlMs, jitter: jitter, name: "--itl-ms"),
            tokensPerChunk: tokensPerChunk, outputLength: .fixed(tokens), decodeSpread: decodeSpread)
        let faults = try FaultInjection(
            probabilities: [
                .rateLimited: fault429, .unavailable: fault503, .slowHeaders: faultSlowHeaders, .connectionReset: faultReset,
                .stall: faultStall, .malformedFrame: faultMalformed, .invalidUTF8: faultInvalidUTF8, .cutStream: faultCut,
            ].filter { $0.value > 0 })
        return SimulatorConfiguration(
            port: port, threads: threads, seed: seed, defaultProfile: profile,
            unknownModels: .serveWithDefaultProfile, slowdown: try Slowdown(overall: slowdown),
            faults: faults, truthLogPath: truthLog, reportsUsage: !noUsage,
            tokenizer: try tokenizer.map(Self.dialect))
    }
}

/// A simulator that could not start: a bad parameter or a port in use (a usage problem, exit 2).
struct SimulatorFailure: DiagnosedError {
    /// The simulator's own error.
    var error: SimulatorError

    var exitStatus: ExitStatus { .inputError }
    var description: String { error.description }
}
