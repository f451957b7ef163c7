import Bench
import Foundation
import LensCore

/// Renders benchmark events on stderr: a redrawn progress bar on a terminal, plain periodic lines
/// under CI (`CI` set) or when stderr is not a terminal, nothing but warnings when quiet.
final class BenchProgressView: @unchecked Sendable {
    private let console: Console
    private let quiet: Bool
    private let lock = NSLock()
    private var lastDraw: Double = 0
    private var lastPlainLine: [String: Double] = [:]
    private var barVisible = false

    /// Seconds between plain progress lines in CI logs.
    static let plainInterval = 10.0
    /// Seconds between redraws of the live bar.
    static let liveInterval = 0.1

    init(console: Console, quiet: Bool) {
        self.console = console
        self.quiet = quiet
    }

    /// Handles one event (called from the runner's thread).
    func handle(_ event: BenchEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .warning(let text):
            line(console.styled("warning: ", .yellow) + Console.singleLine(text))
        case .targetChecked(let target, let url, let status, let models):
            guard !quiet else { return }
            let listed = models.isEmpty ? "" : " (\(models.count) model\(models.count == 1 ? "" : "s") listed)"
            line(
                console.styled("target \(Console.singleLine(target))", .bold)
                    + ": \(Console.singleLine(url)) answered HTTP \(status)\(listed)")
        case .scenarioStarted(let name, let target, let url, let load):
            guard !quiet else { return }
            line(
                console.styled("scenario \(Console.singleLine(name))", .bold)
                    + ": \(describe(load)) → \(Console.singleLine(target)) (\(Console.singleLine(url)))")
        case .progress(let scenario, let progress):
            guard !quiet else { return }
            if console.showsLiveProgress {
                guard progress.elapsedSeconds - lastDraw >= Self.liveInterval || progress.fraction >= 1 else { return }
                lastDraw = progress.elapsedSeconds
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + bar(scenario, progress)).utf8))
                barVisible = true
            } else {
                let last = lastPlainLine[scenario] ?? 0
                guard progress.elapsedSeconds - last >= Self.plainInterval else { return }
                lastPlainLine[scenario] = progress.elapsedSeconds
                line(plain(scenario, progress))
            }
        case .scenarioFinished(let result):
            guard !quiet else { return }
            let counts = result.counts
            // The failures by class ("39 failed: empty_response 39"), so an empty or abandoned reply is named at once.
            let errors = counts?.errors ?? [:]
            let classes = errors.keys.sorted().map { "\($0.rawValue) \(errors[$0] ?? 0)" }.joined(separator: ", ")
            line(
                "scenario \(Console.singleLine(result.name)): \(counts?.succeeded ?? 0)/\(counts?.requests ?? 0) requests succeeded"
                    + ((counts?.failed ?? 0) > 0
                        ? console.styled(", \(counts?.failed ?? 0) failed" + (classes.isEmpty ? "" : " (\(classes))"), .red) : "")
                    + (result.tokenSource.map { ", output tokens: \($0.rawValue)" } ?? ""))
            lastDraw = 0
        }
    }

    /// Clears a live bar left on screen.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if barVisible {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            barVisible = false
        }
    }

    private func line(_ text: String) {
        if barVisible {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            barVisible = false
        }
        console.writeError(text)
    }

    private func bar(_ scenario: String, _ progress: ScenarioProgress) -> String {
        let width = 24
        let filled = Int((progress.fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "  \(Console.singleLine(scenario)) \(bar) \(Int(progress.fraction * 100))%  " + counters(progress)
    }

    private func plain(_ scenario: String, _ progress: ScenarioProgress) -> String {
        "  \(Console.singleLine(scenario)): \(Int(progress.fraction * 100))% " + counters(progress)
    }

    private func counters(_ progress: ScenarioProgress) -> String {
        var text = "\(progress.finished)"
        if let planned = progress.plannedRequests, progress.plannedSeconds == nil { text += "/\(planned)" }
        text += " req"
        if progress.failed > 0 { text += ", \(progress.failed) failed" }
        text += ", \(progress.inFlight) in flight, \(String(format: "%.1f", progress.elapsedSeconds))s"
        if progress.finished == 0, progress.warmupFinished > 0 { text += " (warming up: \(progress.warmupFinished))" }
        return text
    }

    private func describe(_ load: LoadConfig) -> String {
        var parts: [String] = []
        switch load.mode {
        case .closed: parts.append("closed loop, concurrency \(load.concurrency)")
        case .open: parts.append("open loop, \(load.rate.map { String(format: "%g", $0) } ?? "?") req/s \(load.arrival.rawValue)")
        }
        if let requests = load.requests { parts.append("\(requests) requests") }
        if let duration = load.durationSeconds { parts.append(String(format: "%gs", duration)) }
        if load.requests == nil, load.durationSeconds == nil { parts.append("\(LoadConfig.defaultRequests) requests") }
        if load.warmup > 0 { parts.append("\(load.warmup) warmup") }
        return parts.joined(separator: ", ")
    }
}
