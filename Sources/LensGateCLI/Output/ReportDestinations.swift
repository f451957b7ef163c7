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

    /// A report file that could not be written (the same error as any other output file).
    typealias WriteFailure = PublishError

    /// Fails early (before a benchmark runs) when a report path cannot be written.
    func checkWritable() throws {
        for (path, role) in [(junit, "JUnit report"), (markdown, "Markdown summary"), (json, "JSON verdict"),
                             (openMetrics, "OpenMetrics report")] {
            guard let path else { continue }
            let parent = OutputFile.directory(of: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw WriteFailure(path: path, role: role, cause: "directory \(parent) does not exist")
            }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw WriteFailure(path: path, role: role, cause: "is a directory")
            }
            guard FileManager.default.isWritableFile(atPath: parent) else {
                throw WriteFailure(path: path, role: role, cause: "directory \(parent) is not writable")
            }
        }
    }

    /// Writes every requested report; the Markdown goes to stdout when no file was named, and is
    /// appended to `$GITHUB_STEP_SUMMARY` when GitHub Actions provides one. Then tells the CI
    /// platform (annotations and step outputs in GitHub Actions): the one CI hook of the gating commands.
    func write(_ verdict: Verdict, results: Results?, environment: [String: String], console: Console) throws {
        var summary = MarkdownSummary()
        summary.tokenSources = results?.scenarios.compactMap { scenario in scenario.tokenSource.map { (scenario.name, $0) } } ?? []
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
        if let markdown {
            try save(Array(markdownText.utf8), to: markdown, role: "Markdown summary")
        } else {
            console.writeOutput(markdownText)
        }
        if let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            try append(markdownText + "\n", to: summaryPath)
        }
        try CIReporter.publish(verdict: verdict, reports: ReportPaths(junit: junit, markdown: markdown, json: json, openMetrics: openMetrics),
                               environment: environment, console: console)
    }

    private func save(_ bytes: [UInt8], to path: String, role: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw WriteFailure(path: path, role: role, cause: (error as NSError).localizedFailureReason ?? error.localizedDescription)
        }
    }

    private func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
        }() else {
            throw WriteFailure(path: path, role: "GitHub step summary", cause: "cannot open for appending")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw WriteFailure(path: path, role: "GitHub step summary", cause: error.localizedDescription)
        }
    }
}
