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

    /// Serializes results to JSON bytes.
    public static func encode(_ results: Results) -> [UInt8] {
        JSONWriter().bytes(results.json)
    }
}
