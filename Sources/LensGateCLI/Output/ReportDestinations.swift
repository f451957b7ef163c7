import Foundation
import Gate
import LensCore
import Publish

/// Where the reports of a verdict go, and the writing of them (the only file output of `check`).
struct ReportDestinations {
    var junit: String?
    var markdown: String?
    var json: String?
    var openMetrics: String? = nil
    /// How the summary reads on stdout when no Markdown file was named: a terminal table when
    /// stdout is a terminal, Markdown otherwise (a pipe or a redirect into a file).
    var stdoutSummary: StdoutSummary = .detect()

    /// The `--markdown` value that sends the Markdown summary to stdout.
    static let standardOutput = "-"

    /// How the summary is printed on stdout.
    enum StdoutSummary: Equatable {
        /// The Markdown text (pipes, files, `--markdown -`).
        case markdown
        /// A plain table fitted to a terminal this many columns wide.
        case terminal(width: Int)

        /// A terminal table when stdout is a terminal (its width from the terminal, else
        /// `COLUMNS`, else 100), Markdown otherwise.
        static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> StdoutSummary {
            guard isatty(STDOUT_FILENO) == 1 else { return .markdown }
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return .terminal(width: Int(size.ws_col)) }
            return .terminal(width: environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 100)
        }
    }

    /// The Markdown file to write, if one was named (`-` means stdout, not a file).
    private var markdownFile: String? { markdown == Self.standardOutput ? nil : markdown }

    /// A report file that could not be written (the same error as any other output file).
    typealias WriteFailure = OutputFileError

    /// Fails early (before a benchmark runs) when a report path cannot be written.
    func checkWritable() throws(WriteFailure) {
        for (path, role) in [
            (junit, "JUnit report"), (markdownFile, "Markdown summary"), (json, "JSON verdict"),
            (openMetrics, "OpenMetrics report"),
        ] {
            guard let path else { continue }
            try OutputFile.checkWritable(path, role: role)
        }
    }

    /// Writes every requested report; the Markdown goes to stdout when no file was named, and is
    /// appended to `$GITHUB_STEP_SUMMARY` when GitHub Actions provides one. Then tells the CI
    /// platform (annotations and step outputs in GitHub Actions): the one CI hook of the gating commands.
    func write(_ verdict: Verdict, results: Results?, environment: [String: String], console: Console) throws {
        var summary = MarkdownSummary()
        summary.tokenSources = results?.scenarios.compactMap { scenario in scenario.tokenSource.map { (scenario.name, $0) } } ?? []
        summary.goodput = GoodputNote.notes(for: results)
        let markdownText = summary.render(verdict)
        if let junit {
            let bytes: [UInt8]
            do {
                bytes = try JUnitReport(verdict, results: results).xml()
            } catch {
                throw WriteFailure(path: junit, role: "JUnit report", cause: "\(error)")
            }
            try save(bytes, to: junit, role: "JUnit report")
        }
        if let json { try save(JSONWriter().bytes(verdict.json), to: json, role: "JSON verdict") }
        if let openMetrics { try save(Array(OpenMetricsReport(verdict).text.utf8), to: openMetrics, role: "OpenMetrics report") }
        if let markdownFile {
            try save(Array(markdownText.utf8), to: markdownFile, role: "Markdown summary")
        } else if markdown == nil, case .terminal(let width) = stdoutSummary {
            var terminal = TerminalSummary(width: width)
            terminal.goodput = summary.goodput
            console.writeOutput(terminal.render(verdict))
        } else {
            console.writeOutput(markdownText)
        }
        if let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            try append(markdownText + "\n", to: summaryPath)
        }
        try CIReporter.publish(
            verdict: verdict, reports: ReportPaths(junit: junit, markdown: markdownFile, json: json, openMetrics: openMetrics),
            environment: environment, console: console)
    }

    private func save(_ bytes: [UInt8], to path: String, role: String) throws(WriteFailure) {
        try OutputFile.write(bytes, to: path, role: role)
    }

    private func append(_ text: String, to path: String) throws(WriteFailure) {
        try OutputFile.append(text, to: path, role: "GitHub step summary")
    }
}
