import Bench
import LensCore

/// Writes the results file and the CSV export of a run (through `OutputFile`: atomic for regular
/// files, written into for devices and FIFOs).
enum ResultsWriter {
    /// Fails before the benchmark runs when the results or CSV path could not be written.
    static func checkWritable(results path: String, csv: String?) throws(OutputFileError) {
        try OutputFile.checkWritable(path, role: "results")
        if let csv { try OutputFile.checkWritable(csv, role: "CSV") }
    }

    /// Writes the files; a run that produced no scenario writes none (an empty results file would be invalid).
    static func write(_ outcome: BenchOutcome, results path: String, csv: String?, console: Console) throws(OutputFileError) {
        guard !outcome.results.scenarios.isEmpty else {
            console.writeError("lens-gate: no scenario ran; \(path) was not written")
            return
        }
        try OutputFile.write(ResultsFile.encode(outcome.results), to: path, role: "results")
        if let csv { try OutputFile.write(RequestCSV.encode(outcome.recordings), to: csv, role: "CSV") }
        if !outcome.results.run.complete {
            console.writeError("lens-gate: partial results written to \(path) (run.complete = false)")
        }
    }
}
