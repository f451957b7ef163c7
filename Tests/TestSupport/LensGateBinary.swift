import Foundation

/// The real `lens-gate` executable built with the tests, run as CI would run it.
public enum LensGateBinary {
    /// The built executable (the test targets depend on it, so it is built with the tests);
    /// `LENS_GATE_BINARY` points the tests at another build (e.g. to show a test fails on main).
    public static let url: URL = {
        if let explicit = ProcessInfo.processInfo.environment["LENS_GATE_BINARY"] { return URL(fileURLWithPath: explicit) }
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .flatMap { [$0.appendingPathComponent("lens-gate"), $0.deletingLastPathComponent().appendingPathComponent("lens-gate")] }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// The environment lens-gate runs in: the test process's without its CI variables (so that a
    /// test run inside GitHub Actions or GitLab CI behaves the same), `NO_COLOR`, plus `extra`.
    public static func environment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !(key.hasPrefix("GITHUB_") || key.hasPrefix("CI_") || key == "GITLAB_CI" || key == "LENS_GATE_GITLAB_TOKEN"
                || key == "RUNNER_TEMP")
        }
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs lens-gate with `arguments` in `directory` (a fresh scratch folder by default).
    public static func run(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) throws
        -> ProcessOutcome
    {
        try ChildProcess.run(url, arguments, environment: environment(adding: extra), directory: directory ?? Scratch.directory())
    }
}
