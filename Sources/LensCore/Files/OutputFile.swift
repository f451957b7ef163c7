import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way lens-gate writes a file it produces — results, CSV, baselines, history, reports,
/// CI step files, the simulator's truth log — with one guarantee per kind of destination.
///
/// Writing a whole file (`write`):
/// - **Nothing there yet, or a regular file**: replaced atomically (`AtomicReplacement`): a reader,
///   or a crash at any instant, sees the old content or the new, never a truncated mixture. A failed
///   write (full disk, missing or read-only folder) leaves the old file as it was and no temporary
///   file behind. A replaced file keeps its permission bits (and its owner, where allowed).
/// - **A character device or a FIFO** (`/dev/null`, a terminal, a named pipe): written into, as
///   `cat > path` would. It is never replaced, truncated or created.
/// - **A standard stream** named `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`:
///   written to the process's own descriptor at its current position (so `--output /dev/stdout >
///   file` appends after what was already printed, as a shell user expects).
/// - **Refused**, with one line naming the path (exit 2): a symbolic link (lens-gate neither writes
///   through a link nor replaces it: name the file itself), a directory, a block device, a socket.
///
/// Appending (`append`, `AppendingFile`) — `$GITHUB_STEP_SUMMARY`, `$GITHUB_OUTPUT`, the truth
/// log — stays an append: the same refusals, devices and streams are written into, a missing file
/// is created, and on a regular file a failed append is cut back so the file keeps its previous length.
public enum OutputFile {
    /// Writes `bytes` as the whole content of `path`; `role` names the file in errors ("JUnit report").
    public static func write(_ bytes: [UInt8], to path: String, role: String) throws(OutputFileError) {
        func failure(_ cause: String) -> OutputFileError { OutputFileError(path: path, role: role, cause: cause) }
        let destination = OutputDestination.of(path)
        switch destination {
        case .refused(let reason):
            throw failure(reason)
        case .descriptor(let descriptor):
            if let number = Descriptor.writeAll(descriptor, bytes) { throw failure("write: \(SystemError.text(number))") }
        case .stream:
            let descriptor = Descriptor.open(path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure("open: \(SystemError.text(errno))") }
            defer { Descriptor.close(descriptor) }
            if let number = Descriptor.writeAll(descriptor, bytes) { throw failure("write: \(SystemError.text(number))") }
        case .absent, .regularFile:
            if let problem = folderProblem(of: path) { throw failure(problem) }
            do {
                try AtomicReplacement(path: path, existing: destination).replace(with: bytes)
            } catch {
                throw failure(error.text)
            }
        }
    }

    /// Writes `text` (UTF-8) as the whole content of `path`.
    public static func write(_ text: String, to path: String, role: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path, role: role)
    }

    /// Appends `bytes` to `path`, creating a missing regular file.
    public static func append(_ bytes: [UInt8], to path: String, role: String) throws(OutputFileError) {
        let file = try AppendingFile(path: path, role: role)
        defer { file.close() }
        try file.append(bytes)
    }

    /// Appends `text` (UTF-8) to `path`, creating a missing regular file.
    public static func append(_ text: String, to path: String, role: String) throws(OutputFileError) {
        try append(Array(text.utf8), to: path, role: role)
    }

    /// Fails when `path` names something lens-gate refuses to write: a symbolic link, a
    /// directory, a block device, a socket (whether its folder exists is not checked).
    public static func checkDestination(_ path: String, role: String) throws(OutputFileError) {
        if case .refused(let reason) = OutputDestination.of(path) {
            throw OutputFileError(path: path, role: role, cause: reason)
        }
    }

    /// Fails, before any slow work, when `write` to `path` would be refused or could not start
    /// (a missing or unwritable folder); a full disk can of course still fail the write itself.
    public static func checkWritable(_ path: String, role: String) throws(OutputFileError) {
        func failure(_ cause: String) -> OutputFileError { OutputFileError(path: path, role: role, cause: cause) }
        switch OutputDestination.of(path) {
        case .refused(let reason):
            throw failure(reason)
        case .descriptor:
            return
        case .stream:
            guard access(path, W_OK) == 0 else { throw failure(SystemError.text(errno)) }
        case .absent, .regularFile:
            if let problem = folderProblem(of: path) { throw failure(problem) }
        }
    }

    /// Creates the folder of `path` (and its parents) when it does not exist yet.
    public static func createFolder(of path: String, role: String) throws(OutputFileError) {
        let folder = PathNames.directory(of: path)
        var status = stat()
        if stat(folder, &status) == 0 { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputFileError(path: path, role: role, cause: "cannot create directory \(folder): \(error.localizedDescription)")
        }
    }

    /// Removes a regular file this process created and must take back (nothing else is ever removed).
    static func removeCreated(_ path: String) {
        if case .regularFile = OutputDestination.of(path) { unlink(path) }
    }

    /// Why no file can be created in the folder of `path`, if it cannot.
    static func folderProblem(of path: String) -> String? {
        let folder = PathNames.directory(of: path)
        var status = stat()
        guard stat(folder, &status) == 0 else {
            return errno == ENOENT ? "directory \(folder) does not exist" : "directory \(folder): \(SystemError.text(errno))"
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "\(folder) is not a directory" }
        guard access(folder, W_OK) == 0 else { return "directory \(folder) is not writable" }
        return nil
    }
}
