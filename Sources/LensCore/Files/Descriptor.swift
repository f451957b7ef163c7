#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plain `write(2)`/`open(2)` on descriptors, retried on `EINTR`, failures as `errno` values.
enum Descriptor {
    /// Writes all of `bytes` to `descriptor`; returns the `errno` of a failure, or nil.
    static func writeAll(_ descriptor: CInt, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let count = systemWrite(descriptor, base + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += count
        }
        return nil
    }

    /// Writes all of `bytes` to `descriptor`; returns the `errno` of a failure, or nil.
    static func writeAll(_ descriptor: CInt, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// `open(2)` retried on `EINTR` (a FIFO's open waits for a reader and can be interrupted).
    static func open(_ path: String, _ flags: CInt, _ mode: mode_t = 0) -> CInt {
        while true {
            let descriptor = systemOpen(path, flags, mode)
            if descriptor >= 0 || errno != EINTR { return descriptor }
        }
    }

    /// Closes `descriptor`, ignoring the result (the data was already fsynced or is a stream).
    static func close(_ descriptor: CInt) {
        _ = systemClose(descriptor)
    }

    /// The size of the open file, when it is a regular file.
    static func regularFileSize(_ descriptor: CInt) -> off_t? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return status.st_size
    }
}

private func systemWrite(_ descriptor: CInt, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}

private func systemOpen(_ path: String, _ flags: CInt, _ mode: mode_t) -> CInt {
    open(path, flags, mode)
}

private func systemClose(_ descriptor: CInt) -> CInt {
    close(descriptor)
}
