import Foundation

/// Reads files the user named, turning every failure into an `InputError` that says why.
public enum InputFile {
    /// Whether a regular file (or anything but a directory) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Reads a whole file, or throws an input error that says why it could not.
    public static func read(_ path: String, role: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, reason: "\(role) file not found")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, reason: "is a directory, expected a \(role) file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, reason: "cannot read the \(role) file (permission denied?)")
        }
        return [UInt8](data)
    }
}
