import DecisionSimulation
import Dispatch
import Foundation
import Gate
import LensCore
import Stats

/// Decision-quality benchmark: simulates many A/A and A/B pull requests with realistic latency
/// distributions and job-level noise, feeds them through lens-gate's real decision code
/// (`GateDecision`, the CLI's entry point, confirmation included) and through the peers' rules,
/// and prints false-alarm rates and power beside lens-gate's targets.
///
///     swift run -c release decision-benchmark [--trials 200] [--shapes all|log-normal,...] [--noise 0.05]
///         [--only stored|interleaved|streams|history] [--reruns N] [--screening-alpha A] [--stream-requests 60]
///
/// `--only history` runs the history study instead (`HistoryStudy`): 0, 1, 3 and 8 history jobs
/// and 3 seeded repetitions of one job, for each `--noise` level and shape. `--only streams` runs
/// the clustered-streams study alone (`StreamStudy`), which also follows the default tables.

struct Options {
    var trials = 200
    var shapes = LatencyShape.allCases
    var noise = [0.05]
    var scenarios = 50
    var requests = 200
    /// Requests per run in the clustered-streams study.
    var streamRequests = 60
    /// Confirmation reruns and screening level (nil: lens-gate's defaults), for exploring the trade-offs.
    var reruns: Int?
    var screeningAlpha: Double?
    var stored = true
    var interleaved = true
    var streams = true
    var history = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--trials": trials = Int(iterator.next() ?? "") ?? trials
            case "--shapes":
                let names = (iterator.next() ?? "all").split(separator: ",").map(String.init)
                if names != ["all"] { shapes = names.compactMap(LatencyShape.init(rawValue:)) }
            case "--noise": noise = (iterator.next() ?? "0.05").split(separator: ",").compactMap { Double($0) }
            case "--scenarios": scenarios = Int(iterator.next() ?? "") ?? scenarios
            case "--requests": requests = Int(iterator.next() ?? "") ?? requests
            case "--quick": trials = 40
            case "--stream-requests": streamRequests = Int(iterator.next() ?? "") ?? streamRequests
            case "--reruns": reruns = Int(iterator.next() ?? "")
            case "--screening-alpha": screeningAlpha = Double(iterator.next() ?? "")
            case "--only":
                let part = iterator.next() ?? ""
                stored = part == "stored"
                interleaved = part == "interleaved"
                streams = part == "streams"
                history = part == "history"
            default:
                say("unknown argument \(argument)")
                exit(2)
            }
        }
    }
}

/// Alarm counts of one tool in one cell of the study.
struct Tally: Sendable {
    var checks = 0
    var falseChecks = 0
    var prs = 0
    var falsePRs = 0
    /// False PRs failed by the shared-shift test alone (no single check failed).
    var shiftOnlyPRs = 0
    var regressedTrials = 0
    var caught = 0

    mutating func add(_ other: Tally) {
        checks += other.checks
        falseChecks += other.falseChecks
        prs += other.prs
        falsePRs += other.falsePRs
        shiftOnlyPRs += other.shiftOnlyPRs
        regressedTrials += other.regressedTrials
        caught += other.caught
    }
}

let tools = [
    "lens-gate (defaults)", "github-action-benchmark 150%", "github-action-benchmark 200%",
    "benchstat (MWU α=0.05, 10 vs 10)", "criterion-style (bootstrap, CI beyond 1%)", "Bencher (t-test, 0.99, 64 runs)",
]

func gateConfig(noiseModel: NoiseModel) -> GateConfig {
    var config = GateConfig()
    config.rules = [ComparisonRule(MetricStatistic(.ttftMs, .quantile(0.5)))]
    config.noiseModel = noiseModel
    if let reruns = options.reruns { config.confirmation.reruns = reruns }
    if let screeningAlpha = options.screeningAlpha { config.confirmation.screeningAlpha = screeningAlpha }
    return config
}

/// One stored-baseline pull request: 64 earlier jobs (history), the current job, optional regression of
/// scenario 0 (`global`: of every scenario). Returns per tool: flagged scenarios and whether the PR failed.
func storedBaselineTrial(_ factory: RunFactory, seed: UInt64, regression: Double, global: Bool) -> [(flagged: Set<Int>, failed: Bool)] {
    var generator = SeededGenerator(seed: seed)
    var medians: [[Double]] = Array(repeating: [], count: factory.scenarios)
    var entries: [HistoryEntry] = []
    var last = factory.run(job: 1, using: &generator)
    for run in 0..<64 {
        last = factory.run(job: factory.jobFactor(using: &generator), using: &generator)
        for (index, scenario) in last.scenarios.enumerated() {
            medians[index].append((try? Descriptive.median(scenario.samples[.ttftMs] ?? [])) ?? 0)
        }
        if run >= 56 { entries.append(HistoryEntry(summarizing: last)) }
    }
    let job = factory.jobFactor(using: &generator)
    let regressed: Set<Int>? = global ? nil : [0]
    let current = factory.run(job: job, regression: regression, regressed: regressed, using: &generator)
    var rerunGenerator = SeededGenerator(seed: seed &+ 0x5EED)
    let gate = decided { () throws(FieldError) in
        try GateTrial(config: gateConfig(noiseModel: .auto)).judgeStored(current: current, baseline: last, history: entries) { names in
            let rerun = factory.run(job: job, regression: regression, regressed: regressed, using: &rerunGenerator)
            return Results(run: rerun.run, scenarios: rerun.scenarios.filter { names.contains($0.name) })
        }
    }
    var outcomes = [(Set(gate.failedScenarios.compactMap { Int($0.dropFirst()) }), gate.failed)]
    var peerGenerator = SeededGenerator(seed: seed &+ 0xBEEF)
    var ratio150 = Set<Int>()
    var ratio200 = Set<Int>()
    var benchstat = Set<Int>()
    var criterion = Set<Int>()
    var bencher = Set<Int>()
    for index in 0..<factory.scenarios {
        let base = last.scenarios[index].samples[.ttftMs] ?? []
        let now = current.scenarios[index].samples[.ttftMs] ?? []
        let baseMedian = (try? Descriptive.median(base)) ?? 0
        let nowMedian = (try? Descriptive.median(now)) ?? 0
        if PeerRules.ratioAlarm(previous: baseMedian, current: nowMedian, ratio: 1.5) { ratio150.insert(index) }
        if PeerRules.ratioAlarm(previous: baseMedian, current: nowMedian, ratio: 2.0) { ratio200.insert(index) }
        if PeerRules.benchstatAlarm(baseline: Array(base.prefix(10)), current: Array(now.prefix(10))) { benchstat.insert(index) }
        if PeerRules.criterionAlarm(
            baseline: Array(base.prefix(100)), current: Array(now.prefix(100)), resamples: 500,
            using: &peerGenerator)
        {
            criterion.insert(index)
        }
        if PeerRules.bencherAlarm(history: medians[index], current: nowMedian) { bencher.insert(index) }
    }
    for flagged in [ratio150, ratio200, benchstat, criterion, bencher] { outcomes.append((flagged, !flagged.isEmpty)) }
    return outcomes
}

/// One interleaved A/B pull request: both sides in the same job (same speed factor), candidate with
/// an optional regression of scenario 0; lens-gate compares within the job, with confirmation.
func interleavedTrial(_ factory: RunFactory, seed: UInt64, regression: Double) -> (flagged: Set<Int>, failed: Bool, reruns: Int) {
    var generator = SeededGenerator(seed: seed)
    let job = factory.jobFactor(using: &generator)
    let baseline = factory.run(job: job, using: &generator)
    let candidate = factory.run(job: job, regression: regression, using: &generator)
    var rerunGenerator = SeededGenerator(seed: seed &+ 0x5EED)
    // Both sides go through the `ab` path: one interleaved results value, judged within the job.
    let outcome = decided { () throws(FieldError) in
        try GateTrial(config: gateConfig(noiseModel: .auto)).judgeInterleaved(candidate: candidate, baseline: baseline) { names in
            let extraBase = factory.run(job: job, using: &rerunGenerator)
            let extraCandidate = factory.run(job: job, regression: regression, using: &rerunGenerator)
            let keep = { (results: Results) in Results(run: results.run, scenarios: results.scenarios.filter { names.contains($0.name) }) }
            return (keep(extraCandidate), keep(extraBase))
        }
    }
    return (Set(outcome.failedScenarios.compactMap { Int($0.dropFirst()) }), outcome.failed, outcome.rerun)
}

/// A trial's outcome; simulated results always pair up, so an error here is a bug of the simulation: say it and stop.
func decided<Decision>(_ trial: () throws(FieldError) -> Decision) -> Decision {
    do {
        return try trial()
    } catch {
        say("simulated results rejected: \(error)")
        exit(3)
    }
}

func parallel<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deallocate() }
    nonisolated(unsafe) let shared = slots
    DispatchQueue.concurrentPerform(iterations: count) { shared[$0] = body($0) }
    return slots.map { $0! }
}

func percent(_ numerator: Int, _ denominator: Int) -> String {
    denominator == 0 ? "–" : String(format: "%5.1f%%", 100 * Double(numerator) / Double(denominator))
}

func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }

/// Prints a line at once (unbuffered), so progress shows also when redirected to a file.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let options = Options(CommandLine.arguments)
let regressions = [1.05, 1.10, 1.20]
let started = Date()
say(
    "lens-gate decision-quality benchmark: \(options.trials) simulated PRs per cell, \(options.scenarios) metrics (TTFT p50 of \(options.scenarios) scenarios) per PR, \(options.requests) requests per scenario per run"
)
say("Regression = the TTFT of scenario 0 multiplied by 1.05 / 1.10 / 1.20; noise = each job's speed factor exp(N(0, σ)).")
let effective = gateConfig(noiseModel: .auto).confirmation
let changed = options.reruns != nil || options.screeningAlpha != nil
let defaults = RunSettings(config: gateConfig(noiseModel: .auto))
say(
    "lens-gate runs with \(changed ? "its defaults except confirmation" : "its defaults") through GateDecision (the CLI's entry point): threshold \(Notation.threshold(defaults.threshold.value)), α \(defaults.alpha.value), \(GateConfig().correction.rawValue) correction, history model over the last \(GateConfig().historyWindow) baselines, confirmation: \(effective.reruns) rerun(s) of flagged scenarios (screening α \(effective.screeningAlpha)), decided at α/2."
)

for noise in options.noise {
    for shape in options.shapes {
        let factory = RunFactory(shape: shape, requests: options.requests, scenarios: options.scenarios, jobNoise: noise)
        if options.stored {
            // Stored baseline: A/A, then localized regressions, then a global regression of 10%.
            var tallies = Array(repeating: Tally(), count: tools.count)
            var power: [[Int]] = Array(repeating: Array(repeating: 0, count: regressions.count), count: tools.count)
            let aa = parallel(options.trials) { storedBaselineTrial(factory, seed: UInt64($0 + 1), regression: 1, global: false) }
            for trial in aa {
                for (tool, outcome) in trial.enumerated() {
                    tallies[tool].checks += options.scenarios
                    tallies[tool].falseChecks += outcome.flagged.count
                    tallies[tool].prs += 1
                    if outcome.failed { tallies[tool].falsePRs += 1 }
                    if outcome.failed, outcome.flagged.isEmpty { tallies[tool].shiftOnlyPRs += 1 }
                }
            }
            for (column, regression) in regressions.enumerated() {
                let ab = parallel(options.trials) {
                    storedBaselineTrial(factory, seed: UInt64(1_000_000 * (column + 1) + $0), regression: regression, global: false)
                }
                for trial in ab { for (tool, outcome) in trial.enumerated() where outcome.flagged.contains(0) { power[tool][column] += 1 } }
            }
            let global = parallel(options.trials) {
                storedBaselineTrial(factory, seed: UInt64(9_000_000 + $0), regression: 1.10, global: true)
            }
            let globalCaught = (0..<tools.count).map { tool in global.filter { $0[tool].failed }.count }

            say("\n== stored baseline, \(shape.rawValue), job noise \(Int(noise * 100))% ==")
            say(pad("tool", 44) + "  FA/metric  FA/PR(50)  power@5%  power@10%  power@20%  global@10%")
            for (tool, name) in tools.enumerated() {
                var line = pad(name, 44) + "  " + pad(percent(tallies[tool].falseChecks, tallies[tool].checks), 9)
                line += "  " + pad(percent(tallies[tool].falsePRs, tallies[tool].prs), 9)
                for column in regressions.indices { line += "  " + pad(percent(power[tool][column], options.trials), 8) }
                line += "  " + percent(globalCaught[tool], options.trials)
                if tool == 0 { line += "   (A/A PRs failed by the shared shift alone: \(tallies[tool].shiftOnlyPRs))" }
                say(line)
            }
            say("targets (lens-gate)                            ≤  1.0%    ≤  2.0%              ≥ 80.0% (≥ 8 history runs, 5% noise)")
        }
        guard options.interleaved else { continue }

        // Interleaved A/B: same job for both sides.
        var interleavedFalse = 0
        var interleavedPRs = 0
        var interleavedChecks = 0
        var reruns = 0
        let aaInterleaved = parallel(options.trials) { interleavedTrial(factory, seed: UInt64(20_000_000 + $0), regression: 1) }
        for trial in aaInterleaved {
            interleavedChecks += options.scenarios
            interleavedFalse += trial.flagged.count
            if trial.failed { interleavedPRs += 1 }
            if trial.reruns > 0 { reruns += 1 }
        }
        var interleavedPower: [Int] = []
        for (column, regression) in regressions.enumerated() {
            let trials = parallel(options.trials) {
                interleavedTrial(factory, seed: UInt64(30_000_000 + 1_000_000 * column + $0), regression: regression)
            }
            interleavedPower.append(trials.filter { $0.flagged.contains(0) }.count)
        }
        say("-- interleaved A/B (both sides in the same job), \(shape.rawValue), job noise \(Int(noise * 100))% --")
        var line =
            pad(changed ? "lens-gate ab (confirmation as given)" : "lens-gate ab (defaults)", 44) + "  "
            + pad(percent(interleavedFalse, interleavedChecks), 9)
        line += "  " + pad(percent(interleavedPRs, options.trials), 9)
        for count in interleavedPower { line += "  " + pad(percent(count, options.trials), 8) }
        say(line + "  (A/A PRs needing a confirmation rerun: \(percent(reruns, options.trials)))")
        say("targets (lens-gate ab)                         ≤  1.0%    ≤  2.0%              ≥ 90.0%")
    }
}
if options.streams { StreamStudy.run(trials: options.trials, requests: options.streamRequests) }
if options.history {
    for noise in options.noise {
        for shape in options.shapes {
            let factory = RunFactory(shape: shape, requests: options.requests, scenarios: options.scenarios, jobNoise: noise)
            let study = HistoryStudy(trials: options.trials, factory: factory, config: gateConfig(noiseModel: .auto))
            say("\n== history study: stored baseline, \(shape.rawValue), job noise \(Int(noise * 100))% ==")
            for line in study.table(alternativeMinimum: GateConfig().minimumHistory == 3 ? 5 : 3) { say(line) }
        }
    }
}
say(String(format: "\nelapsed %.0f s", Date().timeIntervalSince(started)))
