#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor opened for appending, written with plain `write(2)`.
///
/// A value type holding only the descriptor number, so it can live inside locked state; its owner
/// (`TruthLog`) closes it exactly once.
struct AppendOnlyFile: Sendable {
    private let descriptor: CInt

    /// Opens (creating if needed) `path` for appending.
    init(path: String) throws(SimulatorError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .truthLogUnwritable(path: path, errno: errno) }
        descriptor = fd
    }

    /// Writes all of `bytes`; returns the `errno` of a failure, or nil.
    func write(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(descriptor, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// Closes the descriptor.
    func close() {
        _ = systemClose(descriptor)
    }
}

private func systemWrite(_ fd: CInt, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}

private func systemClose(_ fd: CInt) -> CInt {
    close(fd)
}
