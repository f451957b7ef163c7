import Dispatch
import Foundation
import Gate
import LensCore
import Stats

/// The history study of the decision benchmark: how a stored-baseline gate behaves on a noisy
/// runner with a short or missing baseline history (issue 9 §2) — no history, 1, 3 or 8 earlier
/// jobs, or 3 repetitions of one job seeded by `baseline update --from R1 --from R2 --from R3` —
/// measured through the real decision (`GateTrial`, i.e. `GateDecision` with confirmation).
public struct HistoryStudy: Sendable {
    /// What baseline history a pull request meets; the stored baseline is always the newest run.
    public enum History: Sendable, Equatable, CustomStringConvertible {
        /// Separate baseline jobs (0: a baseline and no history at all).
        case jobs(Int)
        /// Repetitions of one job recorded by one seeded `baseline update`.
        case seeded(Int)

        /// The row label: "no history", "3 history jobs", "3 seeded repetitions".
        public var description: String {
            switch self {
            case .jobs(0): "no history"
            case .jobs(let count): "\(count) history job\(count == 1 ? "" : "s")"
            case .seeded(let count): "\(count) seeded repetitions"
            }
        }
    }

    /// The figures of one row of the study.
    public struct Row: Sendable {
        /// What the row measured.
        public var label: String
        /// A/A: failed checks per check.
        public var falseAlarmsPerMetric: Double
        /// A/A: failed PRs per PR.
        public var falseAlarmsPerPR: Double
        /// A/A: PRs with a check reported inconclusive — each would have failed before a shift
        /// of nearly everything was made inconclusive (those checks were regressions).
        public var inconclusivePRs: Double
        /// Localized regressions of scenario 0 caught, by size (+10%, +20%).
        public var power: [Double]
        /// Every scenario 10% slower: PRs failed.
        public var global: Double
        /// Every scenario 10% slower: PRs whose verdict holds an inconclusive check (reported, exit 0).
        public var globalInconclusive: Double
    }

    /// Simulated PRs per cell.
    public var trials: Int
    /// Makes the runs.
    public var factory: RunFactory
    /// The gate settings (the benchmark's: default settings, TTFT p50 of every scenario).
    public var config: GateConfig

    /// Localized regression sizes for the power columns.
    public static let regressions = [1.10, 1.20]
    /// The histories of the study.
    public static let histories: [History] = [.jobs(0), .jobs(1), .jobs(3), .jobs(8), .seeded(3)]

    /// Creates a study.
    public init(trials: Int, factory: RunFactory, config: GateConfig) {
        self.trials = trials
        self.factory = factory
        self.config = config
    }

    /// One row: A/A, the localized regressions and the global one, each over `trials` seeds.
    public func row(_ history: History, label: String? = nil) -> Row {
        let aa = Self.parallel(trials) { trial(history, seed: UInt64(40_000_000 + $0), regression: 1, global: false) }
        let power = Self.regressions.enumerated().map { column, size in
            let outcomes = Self.parallel(trials) {
                trial(history, seed: UInt64(41_000_000 + 1_000_000 * column + $0), regression: size, global: false)
            }
            return share(outcomes.filter { $0.outcome.failedScenarios.contains("s0") }.count)
        }
        let global = Self.parallel(trials) { trial(history, seed: UInt64(49_000_000 + $0), regression: 1.10, global: true) }
        let failedChecks = aa.map(\.outcome.failedScenarios.count).reduce(0, +)
        return Row(
            label: label ?? history.description,
            falseAlarmsPerMetric: Double(failedChecks) / Double(max(trials * factory.scenarios, 1)),
            falseAlarmsPerPR: share(aa.filter(\.outcome.failed).count),
            inconclusivePRs: share(aa.filter(\.inconclusive).count), power: power,
            global: share(global.filter(\.outcome.failed).count),
            globalInconclusive: share(global.filter(\.inconclusive).count))
    }

    /// One simulated PR: the history, the stored baseline (its newest run), and the current job
    /// with an optional regression of scenario 0 (`global`: of every scenario).
    func trial(_ history: History, seed: UInt64, regression: Double, global: Bool) -> (outcome: GateTrial.Outcome, inconclusive: Bool) {
        var generator = SeededGenerator(seed: seed)
        var entries: [HistoryEntry] = []
        var baseline = factory.run(job: factory.jobFactor(using: &generator), using: &generator)
        switch history {
        case .jobs(let count):
            for _ in 0..<count {
                baseline = factory.run(job: factory.jobFactor(using: &generator), using: &generator)
                entries.append(HistoryEntry(summarizing: baseline))
            }
        case .seeded(let count):
            let job = factory.jobFactor(using: &generator)
            for index in 1...max(count, 1) {
                baseline = factory.run(job: job, using: &generator)
                var entry = HistoryEntry(summarizing: baseline)
                entry.repetition = HistoryEntry.Repetition(index: index, of: count)
                entries.append(entry)
            }
        }
        let job = factory.jobFactor(using: &generator)
        let regressed: Set<Int>? = global ? nil : [0]
        let current = factory.run(job: job, regression: regression, regressed: regressed, using: &generator)
        var rerunGenerator = SeededGenerator(seed: seed &+ 0x5EED)
        var inconclusive = false
        let outcome: GateTrial.Outcome
        do {
            outcome = try GateTrial(config: config).judgeStored(current: current, baseline: baseline, history: entries) { names in
                let rerun = factory.run(job: job, regression: regression, regressed: regressed, using: &rerunGenerator)
                return Results(run: rerun.run, scenarios: rerun.scenarios.filter { names.contains($0.name) })
            }
            inconclusive = outcome.inconclusive > 0
        } catch {
            // Simulated results always pair up; count a rejection as a failed PR so it cannot hide.
            outcome = GateTrial.Outcome(failedScenarios: [], failed: true, rerun: 0, inconclusive: 0)
        }
        return (outcome, inconclusive)
    }

    /// `count` as a share of the trials.
    private func share(_ count: Int) -> Double { Double(count) / Double(max(trials, 1)) }

    /// The study's table for one noise level: the histories with the default settings, and the
    /// 3-run histories again with `minimum_history` at `alternativeMinimum` to show that trade-off.
    public func table(alternativeMinimum: Int) -> [String] {
        var rows = Self.histories.map { row($0) }
        var other = self
        other.config.minimumHistory = alternativeMinimum
        for history in Self.histories where history == .jobs(3) || history == .seeded(3) {
            rows.append(other.row(history, label: "\(history), minimum_history \(alternativeMinimum)"))
        }
        var lines = [
            Self.pad("history (minimum_history \(config.minimumHistory) unless named)", 44)
                + "  FA/metric  FA/PR(\(factory.scenarios))  A/A inconclusive  power@10%  power@20%  global@10%  global inconclusive"
        ]
        for row in rows {
            var line = Self.pad(row.label, 44) + "  " + Self.pad(Self.percent(row.falseAlarmsPerMetric), 9)
            line += "  " + Self.pad(Self.percent(row.falseAlarmsPerPR), 9)
            line += "  " + Self.pad(Self.percent(row.inconclusivePRs), 16)
            for value in row.power { line += "  " + Self.pad(Self.percent(value), 9) }
            line += "  " + Self.pad(Self.percent(row.global), 10) + "  " + Self.percent(row.globalInconclusive)
            lines.append(line)
        }
        return lines
    }

    /// A share as a fixed-width percentage, `  4.0%`.
    static func percent(_ share: Double) -> String { String(format: "%5.1f%%", 100 * share) }

    /// `text` padded with spaces to `width` characters, for the table's columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `body` for 0..<count on all cores, results in order (each call writes its own slot).
    static func parallel<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: count) { shared[$0] = body($0) }
        return slots.compactMap { $0 }
    }
}
