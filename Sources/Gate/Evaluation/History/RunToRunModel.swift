import LensCore
import Stats

/// Judges a run against the baseline *history* rather than one baseline run, so that ordinary
/// run-to-run wobble of CI runners does not fail the gate.
///
/// The model, on the log scale of each statistic (so changes are ratios):
///
///     log value(check i, run k) = μᵢ + g_k + eᵢₖ
///
/// μᵢ is the check's level, g_k a shift shared by every check of run k (a faster or slower job),
/// eᵢₖ the check's own run-to-run deviation plus within-run sampling error. From the last K
/// history runs the model learns μᵢ (their mean), each run's shared shift g_k (the median of all
/// checks' deviations in that run), and each check's residual spread vᵢ (the variance of eᵢₖ),
/// shrunk toward the median spread of all checks because K runs estimate a variance poorly.
/// The current run's shared shift ĝ is estimated the same way; each check is then judged on its
/// own deviation beyond ĝ with a t-test whose variance combines the learned run-to-run spread,
/// the current run's within-run error and the uncertainty of μᵢ. The shared shift is judged
/// separately, against the spread of g_k over the history (see `SuiteShift`): a runner that is
/// 5% slower moves every check together and fails nothing, while a regression of one path stands
/// out. A change that moves *every* check by the same factor cannot be told apart from a slower
/// runner by any test of one job; interleaved A/B (`lens-gate ab`) is the remedy.
struct RunToRunModel: Sendable {
    /// One check's data: history values and within-run errors (log scale), oldest first, and the current run's.
    struct Series: Sendable {
        /// +1 when larger is worse, −1 otherwise (the model works with worse-oriented deviations).
        var worseSign: Double
        /// log of the statistic in each history run (nil where that run lacks it).
        var history: [Double?]
        /// Within-run standard error (log scale) in each history run.
        var historyWithin: [Double?]
        /// log of the current value.
        var current: Double
        /// Within-run standard error (log scale) of the current value.
        var currentWithin: Double
    }

    /// The judgement of one check.
    struct Judgement: Sendable {
        /// Geometric mean of the history values (the reference).
        var reference: Double
        /// The check's own change beyond the shared shift (raw direction), log scale.
        var ownChange: Double
        /// Standard error of `ownChange`.
        var standardError: Double
        /// Degrees of freedom of the t-test.
        var degreesOfFreedom: Double
        /// History runs used.
        var runs: Int
    }

    /// Weight of the pooled spread when shrinking a check's spread, in runs: a check's own spread
    /// from K runs has K − 1 degrees of freedom; the pooled median adds the strength of 4 more
    /// (a moderate prior, in the spirit of empirical-Bayes variance shrinkage; Smyth 2004).
    static let pooledSpreadWeight = 4.0

    let series: [Series]
    let useCommonShift: Bool
    /// The job of each history run (`HistoryEntry.jobIndices`): repetitions of one job share its
    /// speed, so the spread of the shared shift is learned between jobs, not between runs.
    let jobs: [Int]
    /// Shared shift of each history run (0 when not estimated).
    let historyShifts: [Double]
    /// Shared shift of the current run.
    let currentShift: Double
    private let means: [Double?]
    private let spreads: [Double?]
    private let pooledSpread: Double?

    /// A model of `series`; `jobs` numbers the job of each history run (default: every run its own job).
    init(series: [Series], useCommonShift: Bool, jobs: [Int]? = nil) {
        self.series = series
        self.useCommonShift = useCommonShift
        let runs = series.map(\.history.count).max() ?? 0
        self.jobs = jobs ?? Array(0..<runs)
        let means: [Double?] = series.map { item in
            let values = item.history.compactMap { $0 }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        // Worse-oriented deviation of a value of check `index` from its history mean.
        func deviation(_ index: Int, _ value: Double) -> Double? {
            means[index].map { series[index].worseSign * (value - $0) }
        }
        func shift(_ deviations: [Double]) -> Double {
            useCommonShift && !deviations.isEmpty ? RunToRunModel.median(deviations) : 0
        }
        let historyShifts = (0..<runs).map { run in
            shift(
                series.indices.compactMap { index in
                    run < series[index].history.count ? series[index].history[run].flatMap { deviation(index, $0) } : nil
                })
        }
        let spreads: [Double?] = series.indices.map { index in
            var residuals: [Double] = []
            for (run, value) in series[index].history.enumerated() {
                if let value, let deviation = deviation(index, value) { residuals.append(deviation - historyShifts[run]) }
            }
            return residuals.count >= 2 ? (try? Descriptive.variance(residuals)) : nil
        }
        let known = spreads.compactMap { $0 }
        self.means = means
        self.historyShifts = historyShifts
        self.currentShift = shift(series.indices.compactMap { deviation($0, series[$0].current) })
        self.spreads = spreads
        pooledSpread = known.isEmpty ? nil : RunToRunModel.median(known)
    }

    /// The judgement of check `index`, or nil when its history is too short; `currentSampleCount`
    /// is the number of samples behind the current value.
    func judge(_ index: Int, minimumRuns: Int, currentSampleCount: Int = 2) -> Judgement? {
        let item = series[index]
        let values = item.history.compactMap { $0 }
        guard values.count >= minimumRuns, let mean = means[index], let spread = spreads[index] else { return nil }
        let degrees = Double(values.count - 1)
        let pooled = pooledSpread ?? spread
        let shrunk = (degrees * spread + Self.pooledSpreadWeight * pooled) / (degrees + Self.pooledSpreadWeight)
        // The learned spread already holds the history runs' own sampling error; replace it by the
        // current run's (which may have more or fewer samples), but never go below that.
        let within = item.historyWithin.compactMap { $0 }
        let historyWithin = within.isEmpty ? 0 : within.map { $0 * $0 }.reduce(0, +) / Double(within.count)
        let runToRun = max(shrunk - historyWithin, 0)
        let currentWithin = item.currentWithin * item.currentWithin
        let referenceError = shrunk / Double(values.count)
        let variance = runToRun + currentWithin + referenceError
        let own = item.worseSign * (item.worseSign * (item.current - mean) - currentShift)
        // Welch–Satterthwaite: the components learned from history carry K − 1 + prior degrees of
        // freedom; the current run's sampling error is known from its n samples. When run-to-run
        // spread is small the test is nearly a z-test; when it dominates, a t-test on few runs.
        let learned = degrees + Self.pooledSpreadWeight
        let sampled = Double(max(currentSampleCount - 1, 1))
        let denominator = (runToRun * runToRun + referenceError * referenceError) / learned + currentWithin * currentWithin / sampled
        let degreesOfFreedom = denominator > 0 ? min(variance * variance / denominator, 1e6) : learned
        return Judgement(
            reference: mean, ownChange: own, standardError: variance.squareRoot(),
            degreesOfFreedom: max(degreesOfFreedom, learned), runs: values.count)
    }

    /// The current shared shift judged against the history's shared shifts, one per separate job
    /// (the mean over a job's repetitions); nil when not estimated or with fewer than 3 jobs —
    /// repetitions of one job show nothing of how much a whole job can be slower.
    func shiftJudgement() -> (shift: Double, standardError: Double, degreesOfFreedom: Double, runs: Int)? {
        var byJob: [Int: [Double]] = [:]
        for (run, shift) in historyShifts.enumerated() {
            byJob[run < jobs.count ? jobs[run] : -1 - run, default: []].append(shift)
        }
        let jobShifts = byJob.values.map { $0.reduce(0, +) / Double($0.count) }
        guard useCommonShift, jobShifts.count >= 3 else { return nil }
        // The shifts are deviations from the history mean, so their spread is their root mean square.
        let variance = jobShifts.map { $0 * $0 }.reduce(0, +) / Double(jobShifts.count - 1)
        let count = Double(jobShifts.count)
        return (currentShift, (variance * (1 + 1 / count)).squareRoot(), count - 1, jobShifts.count)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
