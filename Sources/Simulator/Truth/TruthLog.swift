import LensCore
import NIOConcurrencyHelpers
import NIOCore

/// The record of what the simulator did, shared by all event loops: kept in memory (up to a limit)
/// and optionally appended to a JSON Lines file.
///
/// Lines go to the file in batches (when 64 KiB are pending, on `flush()` and on `close()`), so a
/// reader of the file while the simulator runs may lag a little behind the in-memory records.
final class TruthLog: Sendable {
    private struct State {
        var records: [TruthRecord] = []
        var pending: ByteBuffer
        var file: AppendingFile?
        var writeError: OutputFileError?
    }

    private let state: NIOLockedValueBox<State>
    private let memoryLimit: Int
    private let path: String?
    private static let batchBytes = 64 * 1024

    /// Opens the file (if any) and starts an empty log.
    init(path: String?, memoryLimit: Int) throws(SimulatorError) {
        let file = try path.map { (p: String) throws(SimulatorError) -> AppendingFile in
            do throws(OutputFileError) {
                return try AppendingFile(path: p, role: "truth log")
            } catch {
                throw .truthLogUnwritable(path: p, reason: error.cause)
            }
        }
        self.path = path
        self.memoryLimit = memoryLimit
        state = NIOLockedValueBox(State(pending: ByteBufferAllocator().buffer(capacity: 0), file: file))
    }

    /// Adds one record.
    func append(_ record: TruthRecord) {
        var line: ByteBuffer?
        if path != nil {
            // Render outside the lock: other loops only wait for the copy.
            var b = ByteBufferAllocator().buffer(capacity: 320 + 12 * record.scheduledGaps.count)
            record.writeJSONLine(into: &b)
            line = b
        }
        state.withLockedValue { s in
            if memoryLimit > 0 {
                s.records.append(record)
                // Drop the oldest in batches so that the amortized cost stays O(1).
                let slack = max(64, memoryLimit / 8)
                if s.records.count >= memoryLimit + slack {
                    s.records.removeFirst(s.records.count - memoryLimit)
                }
            }
            if var line {
                s.pending.writeBuffer(&line)
                if s.pending.readableBytes >= Self.batchBytes { Self.writePending(&s) }
            }
        }
    }

    /// The records kept in memory, oldest first.
    func snapshot() -> [TruthRecord] {
        state.withLockedValue { s in
            s.records.count > memoryLimit ? Array(s.records.suffix(memoryLimit)) : s.records
        }
    }

    /// Forgets the in-memory records (the file is untouched).
    func clear() {
        state.withLockedValue { $0.records.removeAll(keepingCapacity: true) }
    }

    /// Writes pending lines to the file.
    func flush() throws(SimulatorError) {
        let error = state.withLockedValue { s -> OutputFileError? in
            Self.writePending(&s)
            return s.writeError
        }
        if let error, let path { throw .truthLogUnwritable(path: path, reason: error.cause) }
    }

    /// Writes pending lines and closes the file; reports the first write error, if any.
    func close() throws(SimulatorError) {
        let error = state.withLockedValue { s -> OutputFileError? in
            Self.writePending(&s)
            s.file?.close()
            s.file = nil
            return s.writeError
        }
        if let error, let path { throw .truthLogUnwritable(path: path, reason: error.cause) }
    }

    private static func writePending(_ s: inout State) {
        guard let file = s.file, s.pending.readableBytes > 0 else { return }
        let error = s.pending.withUnsafeReadableBytes { bytes -> OutputFileError? in
            do throws(OutputFileError) {
                try file.append(bytes)
                return nil
            } catch {
                return error
            }
        }
        if let error, s.writeError == nil { s.writeError = error }
        s.pending.clear()
    }
}
