#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path names, as the output writer sees it, and so how it may be written.
///
/// The last component is examined with `lstat`, never followed: a symbolic link is refused rather
/// than replaced or written through. Links among the parent folders are followed as usual.
enum OutputDestination: Equatable {
    /// Nothing there yet: created by atomic replacement.
    case absent
    /// A regular file: replaced atomically, keeping its permission bits and owner.
    case regularFile(mode: mode_t, owner: uid_t, group: gid_t)
    /// A character device or a FIFO (`/dev/null`, a terminal, a named pipe): written into, never replaced.
    case stream
    /// One of the process's own open descriptors, named `/dev/stdout`, `/dev/stderr`,
    /// `/dev/fd/N` or `/proc/self/fd/N`: written at its current position.
    case descriptor(CInt)
    /// Not writable by lens-gate's rules, with the reason in a few words.
    case refused(String)

    /// Examines `path`.
    static func of(_ path: String) -> OutputDestination {
        if let descriptor = standardDescriptor(named: path) {
            return fcntl(descriptor, F_GETFD) >= 0 ? .descriptor(descriptor) : .refused("descriptor \(descriptor) is not open")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return .absent }
            return .refused(SystemError.text(errno))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return .regularFile(mode: status.st_mode & 0o7777, owner: status.st_uid, group: status.st_gid)
        case S_IFCHR, S_IFIFO:
            return .stream
        case S_IFLNK:
            return .refused("is a symbolic link (lens-gate neither writes through nor replaces a link: name the file itself)")
        case S_IFDIR:
            return .refused("is a directory")
        case S_IFBLK:
            return .refused("is a block device (refusing to overwrite a disk)")
        case S_IFSOCK:
            return .refused("is a socket")
        default:
            return .refused("is not a regular file, character device or FIFO")
        }
    }

    /// The descriptor a standard-stream path names, if it names one.
    static func standardDescriptor(named path: String) -> CInt? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let number = path.dropFirst(prefix.count)
            guard !number.isEmpty, number.count <= 9, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
                let value = CInt(number)
            else { return nil }
            return value
        }
        return nil
    }
}

/// The system's reason for a failed call, as text.
enum SystemError {
    /// `strerror` of an error number.
    static func text(_ number: Int32) -> String { String(cString: strerror(number)) }
}
