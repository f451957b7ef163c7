import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a regular file (or creates one) so that readers, and a crash at any instant, see the
/// old content or the new, never a mixture.
///
/// The bytes go to a temporary file in the target's folder — on Linux an anonymous one
/// (`O_TMPFILE`), which the kernel frees if the process dies while writing it — that is fsynced,
/// given a hidden name (`.NAME.lens-gate-tmp-PID-RANDOM`) only for the instant before it is renamed
/// over the target (atomic on POSIX file systems), after which the folder is fsynced so the rename
/// survives a power loss. Where `O_TMPFILE` is not supported the temporary file has that hidden name
/// from the start. Every failure removes the temporary file; a temporary file left by a process
/// that was killed (SIGKILL cannot be caught) is removed by the next write of the same target.
struct AtomicReplacement {
    /// The file to replace.
    let path: String
    /// What is there now (`.absent` or `.regularFile`).
    let existing: OutputDestination

    /// The prefix of every temporary name for `path`: hidden, and never ending in `.json`/`.jsonl`.
    var temporaryPrefix: String { ".\(PathNames.lastComponent(of: path)).lens-gate-tmp-" }

    private var directory: String { PathNames.directory(of: path) }

    /// Writes `bytes` in place of the file; the error is the failing step and the system's reason.
    func replace(with bytes: [UInt8]) throws(Failure) {
        removeStaleTemporaries()
        #if os(Linux)
            if let anonymous = try writeAnonymous(bytes) {
                if let name = link(anonymous) {
                    Descriptor.close(anonymous)
                    return try install(name)
                }
                // No /proc to link through: start again with a named temporary file.
                Descriptor.close(anonymous)
            }
        #endif
        let name = temporaryName()
        let descriptor = Descriptor.open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(step: "create a temporary file in \(directory)", errno: errno) }
        do {
            try fill(descriptor, with: bytes)
        } catch {
            Descriptor.close(descriptor)
            unlink(name)
            throw error
        }
        Descriptor.close(descriptor)
        try install(name)
    }

    /// A failed step and why, e.g. `write: No space left on device`.
    struct Failure: Error {
        /// `step: reason`.
        var text: String

        /// A step that failed with a system error number.
        init(step: String, errno number: Int32) { text = "\(step): \(SystemError.text(number))" }

        /// A step that failed for a reason of lens-gate's own.
        init(_ text: String) { self.text = text }
    }

    #if os(Linux)
        /// An anonymous file in the folder holding `bytes`, or nil when the file system has no `O_TMPFILE`.
        private func writeAnonymous(_ bytes: [UInt8]) throws(Failure) -> CInt? {
            let descriptor = Descriptor.open(directory, __O_TMPFILE | O_WRONLY | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                let number = errno
                if number == EOPNOTSUPP || number == EISDIR || number == EINVAL { return nil }
                throw Failure(step: "create a temporary file in \(directory)", errno: number)
            }
            do {
                try fill(descriptor, with: bytes)
            } catch {
                Descriptor.close(descriptor)
                throw error
            }
            return descriptor
        }

        /// Gives the anonymous file a temporary name (through `/proc/self/fd`, which needs no privilege).
        private func link(_ descriptor: CInt) -> String? {
            let name = temporaryName()
            guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else { return nil }
            return name
        }
    #endif

    /// Writes the bytes, carries over the replaced file's mode and owner, and fsyncs.
    private func fill(_ descriptor: CInt, with bytes: [UInt8]) throws(Failure) {
        if let number = Descriptor.writeAll(descriptor, bytes) { throw Failure(step: "write", errno: number) }
        if case .regularFile(let mode, let owner, let group) = existing {
            guard fchmod(descriptor, mode) == 0 else { throw Failure(step: "keep the file's permissions", errno: errno) }
            // Only root may give a file away; elsewhere the new file stays the writer's, as with any editor.
            if owner != geteuid() || group != getegid() { _ = fchown(descriptor, owner, group) }
        }
        guard fsync(descriptor) == 0 else { throw Failure(step: "fsync", errno: errno) }
    }

    /// Renames the named temporary file over the target and fsyncs the folder; removes it on failure.
    private func install(_ name: String) throws(Failure) {
        // The target may have changed since it was examined; never rename over what we would refuse.
        switch OutputDestination.of(path) {
        case .absent, .regularFile: break
        default:
            unlink(name)
            throw Failure("it stopped being a regular file while it was being written; left alone")
        }
        guard rename(name, path) == 0 else {
            let number = errno
            unlink(name)
            throw Failure(step: "rename", errno: number)
        }
        let folder = Descriptor.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            Descriptor.close(folder)
        }
    }

    private func temporaryName() -> String {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "\(directory)/\(temporaryPrefix)\(getpid())-\(random)"
    }

    /// Removes temporary files of this target whose writing process no longer exists.
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let prefix = temporaryPrefix
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0, pid != getpid() else { continue }
            // A live writer (or one we may not signal) keeps its file; ESRCH means nobody has that pid.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let stale = "\(directory)/\(name)"
            var status = stat()
            if lstat(stale, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(stale) }
        }
    }
}
