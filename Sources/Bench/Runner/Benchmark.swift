import Foundation
import LensCore

/// The benchmark runner's entry point: resolves a config into plans and runs them into results.
///
/// ```swift
/// let benchmark = Benchmark(config: config.bench, baseDirectory: ".", environment: env)
/// let plans = try benchmark.plan()
/// let outcome = await benchmark.run(plans, stop: StopSignal()) { event in render(event) }
/// // write outcome.results; if let failure = outcome.failure { exit with failure.exitStatus }
/// ```
public struct Benchmark: Sendable {
    /// The benchmark configuration.
    public var config: BenchConfig
    /// The directory relative file paths (prompt files) are resolved against: the config's.
    public var baseDirectory: String
    /// The process environment, passed in (credentials, CI variables); never read globally.
    public var environment: [String: String]
    /// The wall clock for `started_at`/`finished_at`.
    public var wallClock: any WallClock
    /// Whether to run `git rev-parse` when no CI variable names the commit.
    public var askGit: Bool
    /// The shard of a sharded run (`run --shard K/N`): each scenario runs this shard's share.
    public var shard: Shard?

    /// Creates a runner.
    public init(
        config: BenchConfig, baseDirectory: String, environment: [String: String],
        wallClock: any WallClock = SystemWallClock(), askGit: Bool = true
    ) {
        self.config = config
        self.baseDirectory = baseDirectory
        self.environment = environment
        self.wallClock = wallClock
        self.askGit = askGit
    }

    /// Resolves the scenarios to run (all, or those named) into plans: credentials, prompts, bodies.
    public func plan(only names: [String] = []) throws(BenchError) -> [ScenarioPlan] {
        guard !config.scenarios.isEmpty else { throw .noScenarios }
        let known = config.scenarios.map(\.name)
        for name in names where !known.contains(name) { throw .unknownScenario(name, known: known) }
        let selected = names.isEmpty ? config.scenarios : config.scenarios.filter { names.contains($0.name) }
        // Every target's credentials, so that no plan's messages can show any of them.
        let redactor = Redactor(config.credentials(in: environment))
        var plans: [ScenarioPlan] = []
        for scenario in selected {
            // References were checked when the config was read.
            guard let target = config.target(named: scenario.target), let workload = config.workload(named: scenario.workload) else {
                throw .unknownScenario(scenario.name, known: known)
            }
            let headers = try headers(for: target)
            let prompts: PromptSet
            do {
                prompts = try PromptSet(workload: workload, baseDirectory: baseDirectory, seed: config.run.seed)
            } catch {
                throw .input(error)
            }
            var share = scenario
            var seed = Self.seed(config.run.seed, scenario: scenario.name)
            if let shard {
                do {
                    share.load = try scenario.load.share(for: shard, scenario: scenario.name)
                } catch {
                    throw .shard(error)
                }
                seed = shard.seed(seed)
            }
            var plan = ScenarioPlan(
                scenario: share, target: target, workload: workload, headers: headers, redactor: redactor,
                prompts: prompts, seed: seed, price: config.pricing.price(for: target.model))
            plan.shard = shard
            if let name = scenario.baselineTarget {
                guard let baseline = config.target(named: name) else { throw .unknownScenario(scenario.name, known: known) }
                let baselineHeaders = try self.headers(for: baseline)
                // The same prompts in the same order on both sides: request i of each side carries prompt i.
                plan.interleave(
                    with: baseline, headers: baselineHeaders, prompts: prompts,
                    price: config.pricing.price(for: baseline.model))
            }
            plans.append(plan)
        }
        return plans
    }

    /// The arrival-schedule seed of a scenario: the run seed mixed with the scenario's name, so a
    /// scenario offers the same load whether it runs alone (`--scenario`) or with others.
    static func seed(_ runSeed: UInt64, scenario name: String) -> UInt64 {
        runSeed ^ BenchConfig.digest(Array(name.utf8))
    }

    /// The request headers of a target with credentials resolved from the environment.
    ///
    /// A key variable that is named (explicitly, or by a hosted provider's preset) but unset is an error:
    /// every request would fail with 401. A value with a line break or another control character
    /// is an error too: it would end the header line and start another (header injection).
    func headers(for target: TargetConfig) throws(BenchError) -> [(name: String, value: Secret)] {
        var headers: [(name: String, value: Secret)] = []
        let preset = target.provider.preset
        if let source = target.apiKey {
            guard let key = source.resolve(in: environment) else {
                throw .missingCredential(target: target.name, variable: source.variable, position: target.position)
            }
            try Self.checkHeaderSafe(key, variable: source.variable, of: target)
            switch preset.authentication {
            case .bearer: headers.append(("Authorization", Secret("Bearer " + key.revealedForTransport)))
            case .header(let name): headers.append((name, key))
            }
        }
        for (name, value) in preset.fixedHeaders where !target.headers.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            headers.append((name, Secret(value)))
        }
        for header in target.headers {
            switch header.value.expand(in: environment) {
            case .success(let value): headers.append((header.name, value))
            case .failure(let missing):
                throw .missingCredential(target: target.name, variable: missing.name, position: target.position)
            }
            for variable in header.value.variables {
                if let value = environment[variable] { try Self.checkHeaderSafe(Secret(value), variable: variable, of: target) }
            }
        }
        return headers
    }

    /// Refuses a credential that cannot travel in a header line: CR, LF, NUL or another control
    /// character (a tab is allowed; surrounding whitespace is trimmed by curl's peers anyway).
    private static func checkHeaderSafe(_ value: Secret, variable: String, of target: TargetConfig) throws(BenchError) {
        let unsafe = value.revealedForTransport.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
        if unsafe { throw .unsafeCredential(target: target.name, variable: variable, position: target.position) }
    }

    /// Runs the plans one after another and returns the results, partial when the run stopped early.
    ///
    /// `stop` (or cancelling the calling task) ends the run at once: finished requests are kept,
    /// in-flight ones abandoned, and the results are marked incomplete.
    public func run(
        _ plans: [ScenarioPlan], stop: StopSignal = StopSignal(),
        observer: @escaping @Sendable (BenchEvent) -> Void = { _ in }
    ) async -> BenchOutcome {
        let started = wallClock.secondsSinceEpoch()
        var recordings: [ScenarioRecording] = []
        var scenarios: [ScenarioResult] = []
        var failure: BenchError?
        var checked: Set<String> = []
        // Each target's tokenize endpoint, probed once per run when a scenario first needs it.
        var tokenizers: [String: TokenizeEndpoint?] = [:]
        await withTaskCancellationHandler {
            for plan in plans {
                if stop.isSet || Task.isCancelled {
                    failure = .interrupted(scenario: plan.scenario.name)
                    break
                }
                for side in [plan.target, plan.baseline?.target].compactMap({ $0 })
                where side.healthCheck && failure == nil && !checked.contains(side.name) {
                    checked.insert(side.name)
                    failure = await check(side, of: plan, observer: observer)
                }
                if failure != nil { break }
                if let shard, let caveat = plan.scenario.load.shardedArrivalCaveat(shard) {
                    observer(.warning("scenario '\(plan.scenario.name)': \(caveat)"))
                }
                observer(
                    .scenarioStarted(
                        name: plan.scenario.name, target: Self.targetLabel(plan), url: Self.urlLabel(plan),
                        load: plan.scenario.load))
                let name = plan.scenario.name
                let scrapes = ScenarioScrapes(plan: plan)
                if plan.scenario.load.warmup == 0, !scrapes.isEmpty {
                    // Nothing runs before the measured phase: the page before is the page now.
                    await Self.onThread { scrapes.takeBefore() }
                }
                let outcome = await Self.drive(plan, stop: stop, onMeasuredStart: scrapes.measuredStartHook) { progress in
                    observer(.progress(scenario: name, progress))
                }
                if case .failure(let error) = outcome { failure = .transport(plan.redactor.redact(error.reason)) }
                guard failure == nil, case .success(var sides) = outcome, let recording = sides.first else { break }
                if recording.ending != .cancelled {
                    if !scrapes.isEmpty { sides = await Self.recordEngineFigures(scrapes, into: sides, observer: observer) }
                    for index in sides.indices where !sides[index].generatedTexts.isEmpty {
                        sides[index] = await Self.recount(sides[index], tokenizers: &tokenizers, stop: stop, observer: observer)
                    }
                }
                var results: [ScenarioResult] = []
                for side in sides {
                    let result = ScenarioResult(recording: side)
                    recordings.append(side)
                    results.append(result)
                    observer(.scenarioFinished(result))
                }
                scenarios += results
                switch recording.ending {
                case .finished:
                    // A scenario in which every measured request failed measured nothing, however few it sent.
                    guard let side = zip(sides, results).first(where: { ($0.1.counts?.requests ?? 0) > 0 && $0.1.counts?.succeeded == 0 })
                    else {
                        continue
                    }
                    failure = .everyRequestFailed(
                        scenario: side.1.name, target: side.0.plan.target.name, url: side.0.plan.url,
                        requests: side.1.counts?.requests ?? 0, errors: side.1.counts?.errors ?? [:],
                        example: Self.example([side.0]))
                case .cancelled:
                    failure = .interrupted(scenario: name)
                case .transportFailed(let reason):
                    failure = .transport(plan.redactor.redact(reason))
                case .aborted(let rate):
                    failure = .tooManyErrors(
                        scenario: name, target: Self.targetLabel(plan), url: Self.urlLabel(plan), errorRate: rate,
                        limit: plan.scenario.abort.maxErrorRate, errors: Self.errorCounts(sides.map(\.log)),
                        example: Self.example(sides))
                }
                break
            }
        } onCancel: {
            stop.set()
        }
        let finished = wallClock.secondsSinceEpoch()
        var run = RunMetadata(
            startedAt: RunEnvironment.iso8601(secondsSinceEpoch: started), finishedAt: RunEnvironment.iso8601(secondsSinceEpoch: finished),
            complete: failure == nil, toolVersion: LensVersion.current, configFingerprint: config.fingerprint,
            configFields: config.fingerprintFields,
            git: RunEnvironment.git(environment: environment, directory: baseDirectory, askGit: askGit),
            host: RunEnvironment.host(environment: environment, hardwareTag: config.run.hardwareTag))
        run.shard = shard
        var results = Results(run: run, scenarios: scenarios)
        for figure in recordings.flatMap(\.engineFigures) { results.metrics.declare(figure.metric) }
        return BenchOutcome(results: results, recordings: recordings, failure: failure)
    }

    /// Takes the engine-metrics pages after the measured phase and gives each side its figures;
    /// a failed scrape is a warning, never a failure of the run.
    private static func recordEngineFigures(
        _ scrapes: ScenarioScrapes, into recordings: [ScenarioRecording], observer: @escaping @Sendable (BenchEvent) -> Void
    ) async -> [ScenarioRecording] {
        var recordings = recordings
        guard let plan = recordings.first?.plan else { return recordings }
        let result = await onThread { scrapes.figures() }
        for warning in result.warnings {
            observer(.warning("scenario '\(plan.scenario.name)': " + plan.redactor.redact(warning, limit: 400)))
        }
        for (index, figures) in result.bySide where recordings.indices.contains(index) {
            recordings[index].engineFigures = figures
        }
        return recordings
    }

    /// Recounts a recording's output tokens with its target's tokenizer (probed on first use) after
    /// the measured phase; warns when texts could not be counted or were not kept.
    private static func recount(
        _ recording: ScenarioRecording, tokenizers: inout [String: TokenizeEndpoint?], stop: StopSignal,
        observer: @escaping @Sendable (BenchEvent) -> Void
    ) async -> ScenarioRecording {
        let target = recording.plan.target.name
        let known: OutputRecount.Probe = tokenizers[target]
        let timeout = min(recording.plan.scenario.load.timeoutSeconds, 15)
        let report = await onThread { OutputRecount.run(recording, known: known, timeoutSeconds: timeout, stop: stop) }
        tokenizers[target] = .some(report.endpoint)
        let name = recording.plan.scenario.name
        if report.failed > 0 {
            observer(
                .warning(
                    "scenario '\(name)': the tokenizer at \(report.endpoint?.url ?? "?") could not count \(report.failed) of \(report.failed + report.counted) replies (\(report.firstFailure ?? "no reason given")); those keep lens-gate's own count"
                ))
        }
        if report.endpoint != nil, recording.generatedTexts.dropped > 0 {
            observer(
                .warning(
                    "scenario '\(name)': the text of \(recording.generatedTexts.dropped) replies was not kept for the tokenizer (over \(ByteSize.describe(GeneratedTexts.maximumBytes)) per scenario or \(ByteSize.describe(GeneratedTexts.maximumBytesPerRequest)) per reply); those keep lens-gate's own count"
                ))
        }
        return report.recording
    }

    /// Probes a target of a plan (its own, or its interleaved baseline) once; returns the error
    /// that stops the run when it is unreachable.
    private func check(_ target: TargetConfig, of plan: ScenarioPlan, observer: @escaping @Sendable (BenchEvent) -> Void) async
        -> BenchError?
    {
        let url = target.healthURL
        let lines = target.name == plan.target.name ? plan.headerLines : ScenarioPlan.headerLines(plan.baseline?.headers ?? [])
        let timeout = min(plan.scenario.load.timeoutSeconds, 15)
        let report = await Self.onThread { HealthProbe.run(url: url, headerLines: lines, timeoutSeconds: timeout) }
        // Everything below is shown to people: the URL with its credentials masked, and the
        // server's text (model ids, curl's reason) redacted before it is cut or joined.
        let redactor = plan.redactor
        let shownURL = redactor.redact(url)
        if report.unreachable {
            return .unreachable(
                target: target.name, url: shownURL, reason: redactor.redact(report.transportError ?? "no response", limit: 200))
        }
        let models = report.models.map { redactor.redact($0, limit: 100) }
        observer(.targetChecked(target: target.name, url: shownURL, status: report.status, models: models))
        if report.status == 401 || report.status == 403 {
            observer(.warning("target '\(target.name)': \(shownURL) answered HTTP \(report.status); check the API key"))
        } else if report.status == 200, !report.models.isEmpty, !report.models.contains(target.model),
            target.provider != .azureOpenAI
        {
            let listed = models.prefix(8).joined(separator: ", ")
            observer(.warning("target '\(target.name)': model '\(target.model)' is not among the models listed at \(shownURL) (\(listed))"))
        }
        return nil
    }

    /// The target a scenario runs against, as events and errors name it (`candidate ⇄ baseline` when interleaved).
    static func targetLabel(_ plan: ScenarioPlan) -> String {
        plan.baseline.map { "\(plan.target.name) ⇄ \($0.target.name)" } ?? plan.target.name
    }

    /// The URL a scenario sends to (both, when interleaved), credentials masked.
    static func urlLabel(_ plan: ScenarioPlan) -> String {
        plan.redactor.redact(plan.baseline.map { "\(plan.url) ⇄ \($0.url)" } ?? plan.url)
    }

    /// Runs a scenario's event loop on a dedicated thread (curl handles never leave it).
    static func drive(
        _ plan: ScenarioPlan, stop: StopSignal, onMeasuredStart: (@Sendable () -> Void)? = nil,
        onProgress: @escaping @Sendable (ScenarioProgress) -> Void
    ) async -> Result<[ScenarioRecording], ScenarioDriver.SetupFailure> {
        await onThread {
            do throws(ScenarioDriver.SetupFailure) {
                let driver = try ScenarioDriver(plan: plan, stop: stop, onProgress: onProgress)
                driver.onMeasuredStart = onMeasuredStart
                return .success(driver.run())
            } catch {
                return .failure(error)
            }
        }
    }

    /// Runs blocking work on a new thread and awaits its value.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "lens-gate-bench"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Failed requests by error class over the logs of a scenario's sides.
    static func errorCounts(_ logs: [RequestLog]) -> [RequestErrorClass: Int] {
        var counts: [RequestErrorClass: Int] = [:]
        for log in logs {
            for index in 0..<log.count { if let error = log[index].error { counts[error, default: 0] += 1 } }
        }
        return counts
    }

    /// The first message of the most frequent error class over a scenario's sides.
    static func example(_ recordings: [ScenarioRecording]) -> String? {
        let counts = errorCounts(recordings.map(\.log))
        guard let dominant = counts.max(by: { $0.value < $1.value })?.key else { return nil }
        return recordings.lazy.compactMap { $0.errorMessages[dominant] }.first.map { "\(dominant.rawValue): \($0)" }
    }
}

/// What a benchmark run produced: results (partial when it stopped early), raw recordings, and why it stopped early.
public struct BenchOutcome: Sendable {
    /// The results file content; `run.complete` is false when `failure` is set.
    public var results: Results
    /// The raw per-request recordings, for the CSV export.
    public var recordings: [ScenarioRecording]
    /// Why the run stopped before its end, if it did.
    public var failure: BenchError?
}
