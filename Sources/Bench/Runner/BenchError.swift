import LensCore

/// Why a benchmark could not be set up or could not run to a judgeable end.
///
/// Messages name the scenario, target and URL at fault but never a credential: URLs are shown
/// with their credentials masked, and every server or curl message passes the plan's `Redactor`.
public enum BenchError: DiagnosedError, Equatable {
    /// A file the benchmark needs (config, prompts) is missing or invalid.
    case input(InputError)
    /// A target's credential variable is not set.
    case missingCredential(target: String, variable: String, position: TextPosition)
    /// A credential variable holds a line break or another control character, which would inject header lines.
    case unsafeCredential(target: String, variable: String, position: TextPosition)
    /// `--scenario` named a scenario the config does not have.
    case unknownScenario(String, known: [String])
    /// The config defines no scenario to run.
    case noScenarios
    /// A target could not be reached at all.
    case unreachable(target: String, url: String, reason: String)
    /// Too many requests failed for the results to mean anything.
    case tooManyErrors(
        scenario: String, target: String, url: String, errorRate: Double, limit: Double,
        errors: [RequestErrorClass: Int], example: String?)
    /// Every measured request of a scenario failed: there is nothing to measure, however few requests ran.
    case everyRequestFailed(
        scenario: String, target: String, url: String, requests: Int, errors: [RequestErrorClass: Int],
        example: String?)
    /// The run was interrupted (Ctrl-C); partial results were kept.
    case interrupted(scenario: String)
    /// The runner could not start its transport.
    case transport(String)
    /// A scenario's load cannot be split over the shards of `--shard`.
    case shard(ShardError)

    /// Input problems exit 2; a benchmark that could not run to a judgeable end exits 3.
    public var exitStatus: ExitStatus {
        switch self {
        case .input(let error): error.exitStatus
        case .shard(let error): error.exitStatus
        case .missingCredential, .unsafeCredential, .unknownScenario, .noScenarios: .inputError
        case .unreachable, .tooManyErrors, .everyRequestFailed, .interrupted, .transport: .benchmarkFailed
        }
    }

    /// One line naming what failed, where, and what to do.
    public var description: String {
        switch self {
        case .input(let error):
            return error.description
        case .missingCredential(let target, let variable, let position):
            let place = position.line > 0 ? " (config \(position))" : ""
            return
                "target '\(target)'\(place): environment variable \(variable) is not set; export it with the API key, or set api_key to another variable"
        case .unsafeCredential(let target, let variable, let position):
            let place = position.line > 0 ? " (config \(position))" : ""
            return
                "target '\(target)'\(place): environment variable \(variable) holds a line break or another control character, which cannot be sent in an HTTP header; export the value without it"
        case .unknownScenario(let name, let known):
            return
                "unknown scenario '\(name)'\(Suggestion.hint(for: name, among: known)); scenarios in the config: \(known.joined(separator: ", "))"
        case .noScenarios:
            return "the config defines no scenarios: add a 'scenarios:' list (see 'lens-gate run --help')"
        case .unreachable(let target, let url, let reason):
            return "target '\(target)' is unreachable at \(url): \(reason); is the server running and base_url right?"
        case .tooManyErrors(let scenario, let target, let url, let rate, let limit, let errors, let example):
            let sample = example.map { "; first error: \($0)" } ?? ""
            return
                "scenario '\(scenario)' aborted: \(Self.percent(rate)) of requests to target '\(target)' at \(url) failed, above the limit of \(Self.percent(limit))\(Self.advice(errors)) [\(Self.classes(errors))]\(sample)"
        case .everyRequestFailed(let scenario, let target, let url, let requests, let errors, let example):
            let sample = example.map { "; first error: \($0)" } ?? ""
            let all = requests == 1 ? "the only request" : requests == 2 ? "both requests" : "all \(requests) requests"
            return
                "scenario '\(scenario)': \(all) to target '\(target)' at \(url) failed, so nothing was measured\(Self.advice(errors)) [\(Self.classes(errors))]\(sample)"
        case .interrupted(let scenario):
            return "interrupted during scenario '\(scenario)': partial results were written with run.complete = false"
        case .transport(let reason):
            return "the benchmark transport could not start: \(reason)"
        case .shard(let error):
            return error.description
        }
    }

    /// `http_4xx 3, timeout 1`: failures by class, in class order.
    private static func classes(_ errors: [RequestErrorClass: Int]) -> String {
        errors.keys.sorted().map { "\($0.rawValue) \(errors[$0] ?? 0)" }.joined(separator: ", ")
    }

    /// What the most frequent error class usually means, when it says something specific.
    private static func advice(_ errors: [RequestErrorClass: Int]) -> String {
        switch errors.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key {
        case .connect?: " (the endpoint looks unreachable)"
        case .emptyResponse?, .streamIncomplete?:
            " (the server ended replies without content or without finishing them, as a server does when it cancels requests it cannot serve: compare the concurrency with its parallel slots)"
        case .responseTooLarge?:
            " (replies exceeded a size cap; raise load.max_event_size or load.max_response_size if they are legitimate)"
        default: ""
        }
    }

    private static func percent(_ ratio: Double) -> String {
        let value = (ratio * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
