import Foundation
import LensCore
import Publish

/// The secrets this process has learnt (the config's credentials, the comment token): the last
/// line of defence at the edge.
///
/// Libraries redact where remote text enters a message (`Redactor`); this registry makes the
/// console redact every line it prints as well, and announces each secret to GitHub Actions with
/// `::add-mask::` once per process, however many times a confirmation rerun resolves the config
/// again. Process-wide on purpose: it mirrors the process's one stdout and stderr.
final class ProcessSecrets: @unchecked Sendable {
    /// The registry of this process.
    static let shared = ProcessSecrets()

    private let lock = NSLock()
    private var known: Set<String> = []
    private var redactor = Redactor()

    /// Remembers `secrets`; returns those it did not know yet.
    func register(_ secrets: [Secret]) -> [Secret] {
        lock.lock()
        defer { lock.unlock() }
        let fresh = secrets.filter { !$0.isEmpty && known.insert($0.revealedForTransport).inserted }
        if !fresh.isEmpty { redactor.add(fresh) }
        return fresh
    }

    /// Remembers `secrets` and, in GitHub Actions, prints `::add-mask::` for those new to this process.
    func announce(_ secrets: [Secret], environment: [String: String], console: Console = .standard) {
        CIReporter.mask(register(secrets), environment: environment, console: console)
    }

    /// `text` with every registered secret and every URL credential hidden.
    func redact(_ text: String) -> String {
        lock.lock()
        let redactor = self.redactor
        lock.unlock()
        return redactor.redact(text)
    }
}
