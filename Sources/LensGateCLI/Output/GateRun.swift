import Foundation
import Gate
import LensCore

/// The end of every gating command: write the reports of Gate's verdict, say it, exit with it.
struct GateRun {
    var destinations: ReportDestinations
    var console: Console = .standard
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Reports the outcome and exits with the verdict's code (by throwing `VerdictExit`).
    func report(_ outcome: GateOutcome) throws -> Never {
        try destinations.write(outcome.verdict, results: outcome.judged, environment: environment, console: console)
        VerdictConsole(console: console).report(outcome.verdict)
        throw VerdictExit(status: outcome.verdict.exitStatus)
    }
}
