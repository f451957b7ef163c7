import LensCore
import NIOCore

/// Helpers to write JSON text straight into a `ByteBuffer`, without an intermediate encoder.
extension ByteBuffer {
    /// Writes `value` as a quoted JSON string, escaped by LensCore's writer so both write the same bytes.
    mutating func writeJSONString(_ value: String) {
        var quoted: [UInt8] = []
        quoted.reserveCapacity(value.utf8.count + 2)
        JSONWriter.appendString(value, to: &quoted)
        writeBytes(quoted)
    }

    /// Writes an integer in decimal.
    mutating func writeDecimal<I: BinaryInteger>(_ value: I) {
        writeString(String(value))
    }

    /// Writes a finite double in its shortest round-tripping form (valid JSON for finite values).
    mutating func writeJSONNumber(_ value: Double) {
        // Not `JSONWriter.appendNumber`: it writes 120 where this writes 120.0, and the truth log keeps its bytes.
        writeString(value.isFinite ? "\(value)" : "null")
    }
}

/// Builds a `ByteBuffer` from JSON text pieces; used for one-off bodies (errors, listings).
func jsonBody(capacity: Int = 256, _ build: (inout ByteBuffer) -> Void) -> ByteBuffer {
    var buffer = ByteBufferAllocator().buffer(capacity: capacity)
    build(&buffer)
    return buffer
}
