import NIOCore

/// Helpers to write JSON text straight into a `ByteBuffer`, without an intermediate encoder.
extension ByteBuffer {
    /// Writes `value` as a quoted JSON string, escaping quotes, backslashes and control characters.
    mutating func writeJSONString(_ value: String) {
        writeInteger(UInt8(ascii: "\""))
        var needsEscape = false
        for b in value.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            needsEscape = true
            break
        }
        if !needsEscape {
            writeString(value)
        } else {
            for b in value.utf8 {
                switch b {
                case 0x22: writeStaticString("\\\"")
                case 0x5C: writeStaticString("\\\\")
                case 0x0A: writeStaticString("\\n")
                case 0x0D: writeStaticString("\\r")
                case 0x09: writeStaticString("\\t")
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    writeStaticString("\\u00")
                    writeInteger(hex[Int(b >> 4)])
                    writeInteger(hex[Int(b & 0xF)])
                default: writeInteger(b)
                }
            }
        }
        writeInteger(UInt8(ascii: "\""))
    }

    /// Writes an integer in decimal.
    mutating func writeDecimal<I: BinaryInteger>(_ value: I) {
        writeString(String(value))
    }

    /// Writes a finite double in its shortest round-tripping form (valid JSON for finite values).
    mutating func writeJSONNumber(_ value: Double) {
        writeString(value.isFinite ? "\(value)" : "null")
    }
}

/// Builds a `ByteBuffer` from JSON text pieces; used for one-off bodies (errors, listings).
func jsonBody(capacity: Int = 256, _ build: (inout ByteBuffer) -> Void) -> ByteBuffer {
    var buffer = ByteBufferAllocator().buffer(capacity: capacity)
    build(&buffer)
    return buffer
}
