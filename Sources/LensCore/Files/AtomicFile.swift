#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that readers (and a crash at any instant) see either the old content or
/// the new, never a mixture: write a temporary file in the same directory, fsync it, rename it
/// over the target (atomic on POSIX file systems), then fsync the directory so the rename itself
/// survives a power loss.
public enum AtomicFile {
    /// Why a file could not be replaced.
    public struct WriteError: DiagnosedError, Equatable {
        /// The target path.
        public var path: String
        /// The failing step and the system's reason.
        public var reason: String
        public var exitStatus: ExitStatus { .inputError }
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let directory = parentDirectory(of: path)
        let temporary = "\(directory)/.\(baseName(of: path)).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: "create \(temporary): \(systemError())") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = systemError()
                close(descriptor)
                unlink(temporary)
                throw WriteError(path: path, reason: "write: \(reason)")
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let reason = systemError()
            close(descriptor)
            unlink(temporary)
            throw WriteError(path: path, reason: "fsync: \(reason)")
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = systemError()
            unlink(temporary)
            throw WriteError(path: path, reason: "rename: \(reason)")
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
