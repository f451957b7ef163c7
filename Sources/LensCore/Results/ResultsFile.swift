import Dispatch

/// Loads and saves results files, turning every failure into an `InputError` naming the file.
public enum ResultsFile {
    /// Reads, parses and validates a results (or baseline) file.
    ///
    /// - Parameter role: how the file is described in messages ("results", "baseline").
    public static func load(_ path: String, role: String = "results") throws(InputError) -> Results {
        let bytes = try InputFile.read(path, role: role)
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw InputError(file: path, position: error.position, reason: "invalid JSON: \(error.reason)")
        }
        do {
            return try Results(json: root)
        } catch {
            throw InputError(file: path, error)
        }
    }

    /// Loads several files concurrently (results and baseline are independent), in input order;
    /// throws the error of the first file, in input order, that fails.
    public static func load(_ files: [(path: String, role: String)]) throws(InputError) -> [Results] {
        try concurrentlyLoad(files.count) { index throws(InputError) in try load(files[index].path, role: files[index].role) }
    }

    /// Runs `load` for 0..<count concurrently and returns the values in order; throws the error
    /// of the first index, in order, that failed.
    public static func concurrentlyLoad<Value: Sendable>(
        _ count: Int, _ load: @Sendable (Int) throws(InputError) -> Value
    ) throws(InputError) -> [Value] {
        let outcomes = UnsafeMutableBufferPointer<Result<Value, InputError>?>.allocate(capacity: count)
        outcomes.initialize(repeating: nil)
        defer { outcomes.deallocate() }
        nonisolated(unsafe) let shared = outcomes
        DispatchQueue.concurrentPerform(iterations: count) { index in
            // Each iteration writes only its own slot.
            shared[index] = Result { () throws(InputError) in try load(index) }
        }
        var values: [Value] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: throw error
            case nil: break
            }
        }
        return values
    }

    /// Serializes results to JSON bytes.
    public static func encode(_ results: Results) -> [UInt8] {
        JSONWriter().bytes(results.json)
    }
}
