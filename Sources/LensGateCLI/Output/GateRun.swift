import Foundation
import Gate
import LensCore

/// The end of every gating command: evaluate, write the reports, say the verdict, exit with it.
struct GateRun {
    var config: LensConfig
    var destinations: ReportDestinations
    var console: Console = .standard
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Judges `current` against the loaded baseline and exits with the verdict's code (by throwing `VerdictExit`);
    /// `evaluated` is the verdict when it was already evaluated on these same inputs.
    func judge(_ current: Results, baseline: BaselineSource.Loaded, history: [HistoryEntry], notices: [String] = [],
               evaluated: Verdict? = nil) throws -> Never {
        var verdict = evaluated ?? evaluate(current, baseline: baseline.results, config: baseline.gateConfig(config.gate),
                                            baselineProblem: baseline.problem, history: history)
        verdict.notices += baseline.notices + notices
        try destinations.write(verdict, results: current, environment: environment, console: console)
        VerdictConsole(console: console).report(verdict)
        throw VerdictExit(status: verdict.exitStatus)
    }
}
