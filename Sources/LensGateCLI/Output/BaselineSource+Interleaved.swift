import Gate
import LensCore

/// The one place that decides when a results file is its own baseline: an interleaved A/B file
/// (`lens-gate ab`) holds both sides of each comparison, measured in the same job.
extension BaselineSource {
    /// The candidate side of an interleaved results file and, as its baseline, the baseline side of
    /// the same file; nil for an ordinary results file.
    static func sameJob(_ results: Results, file: String) throws(InputError) -> (current: Results, baseline: Loaded)? {
        let sides: (candidate: Results, baseline: Results)?
        do {
            sides = try results.interleavedSides()
        } catch {
            throw InputError(file: file, error)
        }
        guard let sides else { return nil }
        return (sides.candidate, Loaded(results: sides.baseline, sameJob: true,
                                        notices: ["interleaved A/B: each candidate is compared with the baseline side measured in the same job (within-run noise model)"]))
    }
}

extension BaselineSource {
    /// The run and the stored baseline to judge: an interleaved A/B run compared with a stored
    /// baseline that has no in-job baseline sides contributes its candidate sides (under the pair
    /// names), since its `NAME@baseline` sides have nothing stored to be compared with.
    func compare(_ current: Results, file: String, with baseline: Results?) throws(InputError) -> (current: Results, baseline: Loaded) {
        var loaded = judge(baseline, against: current)
        guard let stored = loaded.results, !stored.scenarios.contains(where: { $0.interleaved != nil }),
              let sides = try Self.sameJob(current, file: file) else { return (current, loaded) }
        loaded.notices.append("interleaved A/B run against a stored baseline: the candidate side of each pair is compared with it, the in-job baseline sides are not")
        return (sides.current, loaded)
    }
}

extension BaselineSource.Loaded {
    /// The gate settings to judge with: both sides of an interleaved run shared the job's noise,
    /// so the within-run tests apply and a history of other jobs does not.
    func gateConfig(_ config: GateConfig) -> GateConfig {
        guard sameJob else { return config }
        var config = config
        config.noiseModel = .withinRun
        return config
    }
}
