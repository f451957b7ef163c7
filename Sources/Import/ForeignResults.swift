import LensCore

/// A results file of any supported format, converted to lens-gate's results model.
public struct ImportedResults: Sendable {
    /// The converted results.
    public var results: Results
    /// The format the file was read as.
    public var format: ForeignFormat
    /// What the conversion could not carry over or defined differently, one sentence each.
    public var notes: [String]
}

/// Reads results files of lens-gate and of other load generators.
public enum ForeignResults {
    /// Reads a file, detecting its format from its content unless `format` names one.
    ///
    /// Converted files go through the same validation as lens-gate's own, so a tool that wrote
    /// a negative latency is refused the same way. With `slo`, the good requests of every
    /// scenario of a per-request file are counted under it (lens-gate's own files keep theirs).
    public static func load(
        _ path: String, role: String = "results", format: ForeignFormat? = nil, slo: ServiceLevelObjective? = nil
    ) throws(InputError) -> ImportedResults {
        try convert(try InputFile.read(path, role: role), file: path, format: format, slo: slo)
    }

    /// Converts a file's bytes (`file` names it in errors), counting good requests under `slo` when given.
    public static func convert(
        _ bytes: [UInt8], file path: String, format: ForeignFormat? = nil, slo: ServiceLevelObjective? = nil
    ) throws(InputError) -> ImportedResults {
        let document = try ForeignDocument.parse(bytes, file: path)
        guard let chosen = format ?? ForeignFormat.detect(document) else {
            let names = ForeignFormat.allCases.map(\.rawValue).joined(separator: ", ")
            if case .single(let root) = document, case .object = root.value {
                // Most likely a lens-gate file with a fault: say what its reader says.
                do {
                    _ = try Results(json: root)
                } catch {
                    var failure = InputError(file: path, error)
                    failure.reason += " (another tool's output? name its format with --format: \(names))"
                    throw failure
                }
            }
            throw InputError(file: path, reason: "not a results format lens-gate knows (name one with --format: \(names))")
        }
        if chosen == .lensGate, case .single(let root) = document {
            do {
                return ImportedResults(results: try Results(json: root), format: .lensGate, notes: [])
            } catch {
                throw InputError(file: path, error)
            }
        }
        var scenarios: [ImportedScenario]
        do {
            scenarios = try read(document, as: chosen, file: path)
        } catch {
            throw InputError(file: path, position: error.position, field: error.path, reason: "\(chosen.displayName): \(error.reason)")
        }
        guard !scenarios.isEmpty else { throw InputError(file: path, reason: "\(chosen.displayName): the file holds no benchmark") }
        for index in scenarios.indices where scenarios[index].aggregate == nil { scenarios[index].slo = slo }
        let results = Results(run: RunMetadata(complete: true), scenarios: scenarios.map(\.result))
        do {
            // The converted document must pass lens-gate's own reader, limits included.
            _ = try Results(json: JSONNode(results.json))
        } catch {
            throw InputError(file: path, reason: "\(chosen.displayName): converted data is not valid at \(error.path): \(error.reason)")
        }
        return ImportedResults(
            results: results, format: chosen, notes: ImportNotes.notes(for: chosen, scenarios: scenarios, slo: slo))
    }

    /// Loads several files concurrently, in input order (see `ResultsFile.concurrentlyLoad`).
    public static func load(
        _ files: [(path: String, role: String, format: ForeignFormat?)], slo: ServiceLevelObjective? = nil
    ) throws(InputError) -> [ImportedResults] {
        try ResultsFile.concurrentlyLoad(files.count) { index throws(InputError) in
            try load(files[index].path, role: files[index].role, format: files[index].format, slo: slo)
        }
    }

    private static func read(_ document: ForeignDocument, as format: ForeignFormat, file: String) throws(FieldError) -> [ImportedScenario] {
        switch (format, document) {
        case (.aiperf, .lines(let records)): return try AIPerfReader.scenarios(records)
        case (_, .lines(let records)):
            throw FieldError(.root, at: records.first?.node.position ?? .unknown, "expected one JSON document, found JSON Lines")
        case (.aiperf, .single(let root)): return try AIPerfReader.scenarios([(1, root)])
        case (.lensGate, .single): return []  // read by `load` with lens-gate's own reader
        case (.vllm, .single(let root)): return try VLLMBenchReader.scenarios(root)
        case (.guidellm, .single(let root)): return try GuideLLMReader.scenarios(root)
        case (.aiperfAggregate, .single(let root)): return try AIPerfReader.aggregateScenarios(root)
        case (.genaiPerf, .single(let root)): return try GenAIPerfReader.scenarios(root)
        case (.llmperf, .single(let root)): return try LLMPerfReader.scenarios(root)
        }
    }
}
