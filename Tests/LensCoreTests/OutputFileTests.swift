import Foundation
import Testing

@testable import LensCore

#if canImport(Glibc)
    import Glibc
#endif

/// `OutputFile`'s guarantee, kind of destination by kind: regular files replaced atomically,
/// devices and FIFOs written into and left as they are, links refused, failures leaving nothing behind.
@Suite struct OutputFileTests {
    /// A fresh folder for one test.
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lens-gate-output-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The file type bits of what is at `path` (without following a link).
    static func kind(_ path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// Names in `folder` that look like a temporary file of the writer.
    static func temporaries(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains("lens-gate-tmp") }
    }

    /// The device number of the null device: major 1, minor 3 (Linux's `makedev(1, 3)`).
    static let nullDevice = dev_t((1 << 8) | 3)

    /// Whether this process may create device nodes (root with CAP_MKNOD): the null-device test needs one.
    static let canMakeDevices: Bool = {
        let path = folder() + "/probe"
        defer { unlink(path) }
        return mknod(path, S_IFCHR | 0o666, OutputFileTests.nullDevice) == 0
    }()

    @Test func createsAndReplacesARegularFileKeepingItsMode() throws {
        let folder = Self.folder()
        let path = folder + "/report.json"
        try OutputFile.write("first", to: path, role: "report")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        chmod(path, 0o600)
        try OutputFile.write("second, longer", to: path, role: "report")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(Self.temporaries(in: folder).isEmpty)
    }

    @Test(.enabled(if: OutputFileTests.canMakeDevices, "needs mknod (root with CAP_MKNOD)"))
    func writesIntoACharacterDeviceAndLeavesItOne() throws {
        // A private null device (major 1, minor 3), so a broken writer could never replace the machine's /dev/null.
        let folder = Self.folder()
        let device = folder + "/null"
        #expect(mknod(device, S_IFCHR | 0o666, Self.nullDevice) == 0)
        try OutputFile.write(Array(repeating: 0x41, count: 100_000), to: device, role: "results")
        try OutputFile.append("more", to: device, role: "step summary")
        try OutputFile.checkWritable(device, role: "results")
        #expect(Self.kind(device) == S_IFCHR)
        #expect(Self.temporaries(in: folder).isEmpty)
    }

    @Test func writesIntoAFIFOAndLeavesItOne() throws {
        let folder = Self.folder()
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received: [UInt8] = []
        let done = DispatchSemaphore(value: 0)
        Thread {
            received = FileHandle(forReadingAtPath: fifo).map { [UInt8]($0.readDataToEndOfFile()) } ?? []
            done.signal()
        }.start()
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        try OutputFile.write(payload, to: fifo, role: "CSV")
        done.wait()
        #expect(received == payload)
        #expect(Self.kind(fifo) == S_IFIFO)
        #expect(Self.temporaries(in: folder).isEmpty)
    }

    @Test func refusesASymbolicLinkAndLeavesLinkAndTargetAlone() throws {
        let folder = Self.folder()
        let target = folder + "/target.json"
        let link = folder + "/link.json"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, link) == 0)
        let error = #expect(throws: OutputFileError.self) { try OutputFile.write("new", to: link, role: "JSON verdict") }
        #expect(error?.path == link)
        #expect(error?.description.hasPrefix("\(link): cannot write the JSON verdict: is a symbolic link") == true)
        #expect(throws: OutputFileError.self) { try OutputFile.append("new", to: link, role: "step summary") }
        #expect(throws: OutputFileError.self) { try OutputFile.checkWritable(link, role: "JSON verdict") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(Self.kind(link) == S_IFLNK)

        // A dangling link is refused too: nothing is created where it points.
        let dangling = folder + "/dangling.json"
        #expect(symlink(folder + "/nowhere.json", dangling) == 0)
        #expect(throws: OutputFileError.self) { try OutputFile.write("new", to: dangling, role: "results") }
        #expect(throws: OutputFileError.self) { try OutputFile.append("new", to: dangling, role: "results") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere.json"))
        #expect(Self.temporaries(in: folder).isEmpty)
    }

    @Test func aMissingFolderFailsWithoutCreatingAnything() throws {
        let folder = Self.folder()
        let path = folder + "/missing/report.xml"
        let error = #expect(throws: OutputFileError.self) { try OutputFile.write("x", to: path, role: "JUnit report") }
        #expect(error?.description == "\(path): cannot write the JUnit report: directory \(folder)/missing does not exist")
        #expect(throws: OutputFileError.self) { try OutputFile.checkWritable(path, role: "JUnit report") }
        #expect(throws: OutputFileError.self) { try OutputFile.append("x", to: path, role: "step summary") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func refusesADirectory() throws {
        let folder = Self.folder()
        let error = #expect(throws: OutputFileError.self) { try OutputFile.write("x", to: folder, role: "results") }
        #expect(error?.cause == "is a directory")
    }

    @Test func appendsToARegularFileCreatingItWhenMissing() throws {
        let folder = Self.folder()
        let path = folder + "/summary.md"
        try OutputFile.append("one\n", to: path, role: "step summary")
        try OutputFile.append("two\n", to: path, role: "step summary")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\ntwo\n")
    }

    @Test func namesStandardStreamsByTheirDescriptor() {
        #expect(OutputDestination.standardDescriptor(named: "/dev/stdout") == 1)
        #expect(OutputDestination.standardDescriptor(named: "/dev/stderr") == 2)
        #expect(OutputDestination.standardDescriptor(named: "/dev/fd/7") == 7)
        #expect(OutputDestination.standardDescriptor(named: "/proc/self/fd/12") == 12)
        #expect(OutputDestination.standardDescriptor(named: "/dev/fd/x") == nil)
        #expect(OutputDestination.standardDescriptor(named: "/dev/fd/1/x") == nil)
        #expect(OutputDestination.standardDescriptor(named: "out/dev/stdout") == nil)
    }

    @Test func writesToAnOpenDescriptorAtItsPosition() throws {
        let folder = Self.folder()
        let path = folder + "/stream.txt"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        _ = "head;".withCString { write(descriptor, $0, 5) }
        try OutputFile.write("body", to: "/dev/fd/\(descriptor)", role: "results")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "head;body")
        #expect(Self.kind(path) == S_IFREG)
    }

    @Test func removesTemporariesOfDeadWritersButNotOthersFiles() throws {
        let folder = Self.folder()
        let path = folder + "/main.json"
        // A process id that cannot exist (above the kernel's pid_max of 2^22) stands for a killed writer.
        let stale = folder + "/.main.json.lens-gate-tmp-99999999-abc"
        let alive = folder + "/.main.json.lens-gate-tmp-\(getpid() == 1 ? 2 : 1)-abc"
        let unrelated = folder + "/.other.json.lens-gate-tmp-99999999-abc"
        for file in [stale, alive, unrelated] { try "x".write(toFile: file, atomically: false, encoding: .utf8) }
        try OutputFile.write("new", to: path, role: "baseline")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}
