/// Loads `lens-gate.yaml`, turning every failure into an `InputError` naming file:line:column.
public enum ConfigFile {
    /// Reads and validates a config file.
    public static func load(_ path: String) throws(InputError) -> LensConfig {
        let bytes = try InputFile.read(path, role: "config")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: path, reason: "config file is not valid UTF-8")
        }
        do {
            return try LensConfig(yaml: text)
        } catch {
            throw InputError(file: path, error)
        }
    }
}
