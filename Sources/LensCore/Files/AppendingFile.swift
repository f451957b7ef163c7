#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened once and appended to many times (the simulator's truth log), or once
/// (`OutputFile.append`), under `OutputFile`'s rules for destinations.
///
/// Each `append` writes all of its bytes or, on a regular file, cuts the file back to its length
/// before the call, so a full disk never leaves half a record; that assumes no other process
/// appends to the same file at the same time. A value type holding only the descriptor, so it can
/// live inside locked state; its owner closes it exactly once.
public struct AppendingFile: Sendable {
    /// The file as named.
    public let path: String
    /// What the file is for, for errors.
    public let role: String
    private let descriptor: CInt
    /// Whether this value opened the descriptor (a standard stream is only borrowed).
    private let ownsDescriptor: Bool

    /// Opens `path` for appending, creating a missing regular file.
    public init(path: String, role: String) throws(OutputFileError) {
        self.path = path
        self.role = role
        switch OutputDestination.of(path) {
        case .refused(let reason):
            throw OutputFileError(path: path, role: role, cause: reason)
        case .descriptor(let descriptor):
            self.descriptor = descriptor
            ownsDescriptor = false
        case .absent, .regularFile, .stream:
            if let problem = OutputFile.folderProblem(of: path) {
                throw OutputFileError(path: path, role: role, cause: problem)
            }
            // O_NOFOLLOW: a link that appeared since the check is refused, not followed.
            let descriptor = Descriptor.open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw OutputFileError(path: path, role: role, cause: "open for appending: \(SystemError.text(errno))")
            }
            self.descriptor = descriptor
            ownsDescriptor = true
        }
    }

    /// Appends all of `bytes`, or (on a regular file) none of them.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
        try appendAll { Descriptor.writeAll(descriptor, bytes) }
    }

    /// Appends all of `bytes`, or (on a regular file) none of them.
    public func append(_ bytes: [UInt8]) throws(OutputFileError) {
        try appendAll { Descriptor.writeAll(descriptor, bytes) }
    }

    /// Runs `write` (which returns the errno of a failure); on failure cuts a file we opened back.
    private func appendAll(_ write: () -> Int32?) throws(OutputFileError) {
        let length = ownsDescriptor ? Descriptor.regularFileSize(descriptor) : nil
        guard let number = write() else { return }
        if let length { _ = ftruncate(descriptor, length) }
        throw OutputFileError(path: path, role: role, cause: "append: \(SystemError.text(number))")
    }

    /// Closes the file (a borrowed standard stream stays open).
    public func close() {
        if ownsDescriptor { Descriptor.close(descriptor) }
    }
}
