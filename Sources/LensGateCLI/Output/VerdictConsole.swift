import Gate
import LensCore

/// The short human verdict on stderr: the headline, then one line per failing or unjudged check.
struct VerdictConsole {
    var console: Console

    func report(_ verdict: Verdict) {
        let text = Console.singleLine(verdict.headline)
        let headline: String
        if !verdict.passed {
            headline = console.styled("✗ " + text, .red)
        } else if verdict.baselineProblem != nil || !verdict.warnings.isEmpty {
            headline = console.styled("! " + text, .yellow)
        } else {
            headline = console.styled("✓ " + text, .green)
        }
        var lines = [headline]
        if let shift = verdict.suiteShift, shift.failsGate {
            lines.append(console.styled("  ✗", .red) + " whole run: \(shift.message)")
        }
        for check in verdict.checks where check.outcome == .regressed || check.outcome == .unmeasured {
            let marker = check.failsGate ? console.styled("  ✗", .red) : console.styled("  !", .yellow)
            var line = "\(marker) " + Console.singleLine("\(check.scenario) · \(check.name): \(check.message)")
            if let change = check.change { line += " (\(Notation.change(change)))" }
            lines.append(line)
        }
        console.writeError(lines.joined(separator: "\n"))
    }
}
