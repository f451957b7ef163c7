import ArgumentParser
import Foundation
import LensCore

/// The one place where errors become a line on stderr and an exit code (DESIGN.md's table).
enum Termination {
    /// Prints why the process stops (if anything needs saying) and exits with the matching code.
    static func exit(because error: Error) -> Never {
        let (status, message) = classify(error)
        if let message {
            if status == .passed {
                Console.standard.writeOutput(message)
            } else {
                Console.standard.writeError("lens-gate: error: \(Console.singleLine(message))")
            }
        }
        Foundation.exit(status.rawValue)
    }

    /// The exit status and the message (nil: nothing to print) for an error.
    static func classify(_ error: Error) -> (ExitStatus, String?) {
        switch error {
        case let diagnosed as DiagnosedError:
            return (diagnosed.exitStatus, diagnosed.description)
        case let verdict as VerdictExit:
            return (verdict.status, nil)
        default:
            // swift-argument-parser: help and --version exit cleanly; everything else is a usage error.
            if LensGate.exitCode(for: error) == .success {
                return (.passed, LensGate.fullMessage(for: error))
            }
            let message = LensGate.message(for: error)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return (.inputError, "\(message) (see 'lens-gate --help')")
        }
    }
}

/// Thrown by a command that finished its work and wants the process to exit with a verdict's code.
struct VerdictExit: Error {
    /// The status to exit with.
    var status: ExitStatus
}
