import LensCore
import Stats

/// A change shared by most per-request comparisons of a run — what a faster or slower runner
/// looks like — found from the decided checks when nothing else estimated it.
///
/// The condition: at least `GateConfig.commonShiftMinimumChecks` per-request comparisons, at
/// least 90% of them consistent with the median change — within half of it (on the log scale),
/// or with an interval that holds it — and a median worse-oriented log change of at least half
/// the run-wide threshold. Code rarely slows every path by the same factor; a runner does, if
/// never exactly uniformly. A slower decode that leaves TTFT where it was is no shared movement:
/// TTFT's change is far from the decode's, and its interval does not hold it.
struct SharedMovement: Sendable, Equatable {
    /// Checks consistent with the median change.
    var moved: Int
    /// Per-request comparisons considered.
    var checks: Int
    /// The median worse-oriented log change (positive: worse).
    var medianLog: Double

    /// Share of the checks that must move with the median: 90%, "nearly all" with room for a few
    /// whose own noise pulls them away. Not less: one scenario has 9 per-request checks, and a
    /// slower decode moves 7 of them (all but TTFT's two); at 80% one noisy TTFT check would make
    /// that a "shift", and the regression inconclusive.
    static let sameSideShare = 0.9

    /// The median change in percent, worse-oriented.
    var percent: Double { (Double.exp(medianLog) - 1) * 100 }

    /// The factor by which the shared movement changed a metric's raw values (above 1: larger).
    func factor(for metric: Metric) -> Double { Double.exp(metric.direction.worseSign * medianLog) }

    /// The movement in `checks`, or nil when the condition does not hold.
    static func of(_ checks: [Check], threshold: Double) -> SharedMovement? {
        let moves = checks.compactMap { check -> (log: Double, interval: ClosedRange<Double>?)? in
            guard isCounted(check), let change = check.change, let percent = change.percent, percent > -100 else { return nil }
            let sign = check.target.metric.direction.worseSign
            let interval = change.interval.flatMap { range -> ClosedRange<Double>? in
                guard range.lowerBound > -100 else { return nil }
                let ends = (Double.log(1 + range.lowerBound / 100) * sign, Double.log(1 + range.upperBound / 100) * sign)
                return ClosedRange.checked(min(ends.0, ends.1), max(ends.0, ends.1))
            }
            return (Double.log(1 + percent / 100) * sign, interval)
        }
        guard moves.count >= GateConfig.commonShiftMinimumChecks else { return nil }
        let median = RunToRunModel.median(moves.map(\.log))
        // With the median, or within half of it: a runner's shift is never exactly uniform.
        let sameSide = moves.filter { move in
            abs(move.log - median) <= abs(median) / 2 || (move.interval?.contains(median) ?? false)
        }.count
        guard abs(median) >= Double.log(1 + threshold / 200), Double(sameSide) >= sameSideShare * Double(moves.count) else {
            return nil
        }
        return SharedMovement(moved: sameSide, checks: moves.count, medianLog: median)
    }

    /// Whether a check takes part: a comparison of a per-request metric (one value per run has no
    /// within-run spread to move against).
    static func isCounted(_ check: Check) -> Bool {
        check.kind == .comparison && check.target.metric.granularity == .perRequest
    }

    /// "9 of 9 checks moved the same way (median +12.0%, worse-oriented)".
    var summary: String {
        "\(moved) of \(checks) checks moved the same way (median \(Notation.percent(percent)), worse-oriented)"
    }
}

/// Stage 5b of an evaluation: with a stored baseline and nothing that models run-to-run noise (no
/// active history model, not an interleaved run), a regression explained by the run's shared
/// movement is inconclusive rather than a regression — a slower runner cannot be told from a
/// slower build by one job. A check that regresses beyond the shared movement still fails: it
/// is judged on its change after the movement, (1 + change) / (1 + shift) − 1, and its interval
/// divided the same way: beyond the threshold, and the interval wholly on the worse side of 0 at
/// the level the check was decided at (its α after the run's correction, not the 95% shown: with
/// 50 checks, a few 95% intervals miss 0 by chance alone).
///
/// The price: a true regression of every scenario by the same factor is reported inconclusive
/// (exit 0 with warnings), never as a failure, until history or interleaving can tell.
struct UnmodelledShiftJudge: Sendable {
    /// The run-wide threshold (percent): the movement must reach half of it.
    let threshold: Double

    /// The checks with regressions explained by the shared movement made inconclusive (the input
    /// is not changed), the movement, and the notice; the same checks and no notice when the
    /// movement condition does not hold. `alphas` holds each check's significance level (nil for
    /// checks that are no comparison), in the order of `checks`.
    func judge(_ checks: [Check], alphas: [Double?]) -> UnmodelledShiftJudgement {
        guard let movement = SharedMovement.of(checks, threshold: threshold) else {
            return UnmodelledShiftJudgement(checks: checks, movement: nil, notice: nil)
        }
        var inconclusive = 0
        let judged = checks.enumerated().map { index, check -> Check in
            guard SharedMovement.isCounted(check), check.outcome == .regressed,
                let alpha = index < alphas.count ? alphas[index] : nil
            else { return check }
            let updated = judge(check, against: movement, alpha: alpha)
            if updated.outcome == .unmeasured { inconclusive += 1 }
            return updated
        }
        let what =
            inconclusive == 0
            ? "no regression rests on it alone"
            : "\(inconclusive) regression\(inconclusive == 1 ? "" : "s") within it reported inconclusive"
        let notice =
            "\(movement.summary): \(what); a slower runner cannot be told from a regression without baseline history "
            + "(baseline update with several --from seeds it) or interleaved A/B (lens-gate ab)"
        return UnmodelledShiftJudgement(checks: judged, movement: movement, notice: notice)
    }

    /// One regressed check judged after the shared movement, at significance level `alpha`.
    func judge(_ check: Check, against movement: SharedMovement, alpha: Double) -> Check {
        guard let change = check.change, let percent = change.percent, let limit = check.thresholdPercent else { return check }
        let metric = check.target.metric
        let factor = movement.factor(for: metric)
        let worseSign = metric.direction.worseSign
        let adjusted = ((1 + percent / 100) / factor - 1) * 100
        let interval = change.interval.flatMap { range in
            ClosedRange.checked(((1 + range.lowerBound / 100) / factor - 1) * 100, ((1 + range.upperBound / 100) / factor - 1) * 100)
        }
        let whollyWorse = interval.map { Self.pWorse(adjusted, interval: $0, change: change, worseSign: worseSign) < alpha } ?? false
        var text = "\(Notation.percent(adjusted))"
        if let interval { text += " \(Notation.interval(interval))" }
        let after = "after the run's shared shift of \(Notation.percent((factor - 1) * 100))"
        var judged = check
        if adjusted * worseSign > limit, whollyWorse {
            judged.notes.insert("still beyond the \(Notation.threshold(limit)) threshold \(after): \(text)", at: 0)
            return judged
        }
        judged.outcome = .unmeasured
        judged.severity = .warning
        judged.notes.insert(check.message, at: 0)
        judged.message =
            "inconclusive: moved with \(movement.moved) of \(movement.checks) checks (median \(Notation.percent(movement.percent))); "
            + "\(text) \(after); a slower runner cannot be told from a regression without baseline history or interleaved A/B"
        return judged
    }
}

extension UnmodelledShiftJudge {
    /// The corrected one-sided p-value of an adjusted change: the interval's standard error on
    /// the log scale (a normal approximation from its width at `change.confidence`), the adjusted
    /// change's z, and the check's own correction factor (its corrected over its raw p-value,
    /// at least 1). Below the check's α exactly when its interval at the corrected level lies
    /// wholly on the worse side of 0.
    static func pWorse(_ adjusted: Double, interval: ClosedRange<Double>, change: Change, worseSign: Double) -> Double {
        guard interval.lowerBound > -100, adjusted > -100,
            let z = try? Normal.quantile(1 - (1 - change.confidence) / 2), z > 0
        else { return 1 }
        let standardError = (Double.log(1 + interval.upperBound / 100) - Double.log(1 + interval.lowerBound / 100)) / (2 * z)
        guard standardError > 0 else { return 1 }
        let p = Normal.sf(worseSign * Double.log(1 + adjusted / 100) / standardError)
        var factor = 1.0
        if let corrected = change.adjustedP, let raw = change.pWorse, raw > 0, change.adjustedFamily == .worse {
            factor = max(corrected / raw, 1)
        }
        return min(1, p * factor)
    }
}

/// What the unmodelled-shift stage produced.
struct UnmodelledShiftJudgement: Sendable {
    /// The checks, in their original order.
    var checks: [Check]
    /// The shared movement, when the condition held.
    var movement: SharedMovement?
    /// The verdict notice, when the condition held.
    var notice: String?
}
