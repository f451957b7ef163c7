import LensCore

/// Recounts the output tokens of requests the server reported none for, with the server's own
/// tokenizer, after a scenario's measured phase (never while requests are timed).
///
/// The first time a target needs it, its tokenize endpoint is probed (`TokenizeEndpoint.candidates`,
/// one short text per candidate); the answer, found or not, is remembered for the rest of the run.
/// Each kept text is then counted with one request; a text that cannot be counted keeps
/// lens-gate's own count, so the scenario's `token_source` becomes `mixed`.
enum OutputRecount {
    /// What a target's probe found: nil until probed, then the endpoint or none.
    typealias Probe = TokenizeEndpoint??

    /// What one recount did.
    struct Report: Sendable {
        /// The recording with recounted requests.
        var recording: ScenarioRecording
        /// The probe's answer, to remember for the target.
        var endpoint: TokenizeEndpoint?
        /// Texts counted with the tokenizer.
        var counted = 0
        /// Texts that could not be counted, and the first reason.
        var failed = 0
        var firstFailure: String?
    }

    /// The text used to probe an endpoint; any tokenizer counts it as at least one token.
    static let probeText: ArraySlice<UInt8> = Array("Hello, world".utf8)[...]

    /// Recounts `recording`'s kept texts (blocking: run it on a thread that may block); `known` is
    /// the target's earlier probe, `stop` ends the counting early.
    static func run(_ recording: ScenarioRecording, known: Probe, timeoutSeconds: Double, stop: StopSignal) -> Report {
        var report = Report(recording: recording, endpoint: nil)
        let texts = recording.generatedTexts
        let lines = recording.plan.headerLines
        var client: TokenizerClient?
        switch known {
        case .some(.some(let endpoint)):
            report.endpoint = endpoint
            client = TokenizerClient(endpoint: endpoint, headerLines: lines, timeoutSeconds: timeoutSeconds)
        case .some(.none):
            return report
        case .none:
            for candidate in TokenizeEndpoint.candidates(for: recording.plan.target) where !stop.isSet {
                guard let probe = TokenizerClient(endpoint: candidate, headerLines: lines, timeoutSeconds: timeoutSeconds),
                    case .success(let count) = probe.count(escapedText: probeText), count > 0
                else { continue }
                report.endpoint = candidate
                client = probe
                break
            }
        }
        guard let client else { return report }
        for position in texts.entries.indices {
            guard !stop.isSet else { break }
            switch client.count(escapedText: texts.text(at: position)) {
            case .success(let count):
                report.recording.log.recount(texts.entries[position].request, outputTokens: count)
                report.counted += 1
            case .failure(let failure):
                report.failed += 1
                if report.firstFailure == nil {
                    report.firstFailure = recording.plan.redactor.redact(failure.reason, limit: Transfer.messageLimit)
                }
            }
        }
        return report
    }
}
