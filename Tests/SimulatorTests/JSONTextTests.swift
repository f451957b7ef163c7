import NIOCore
import Testing

@testable import Simulator

@Suite("JSON text written into buffers")
struct JSONTextTests {
    @Test("strings: quotes, backslashes and control characters escaped exactly as the wire formats always wrote them")
    func stringEscapes() {
        var buffer = ByteBuffer()
        buffer.writeJSONString("a\"b\\c\nd\re\tf\u{0}g\u{1F}h\u{8}\u{C}\u{7F}é/")
        #expect(String(buffer: buffer) == #""a\"b\\c\nd\re\tf\u0000g\u001fh\u0008\u000c"# + "\u{7F}é/\"")
    }

    @Test("numbers keep their fraction; non-finite ones are null")
    func numbers() {
        var buffer = ByteBuffer()
        buffer.writeJSONNumber(120)
        buffer.writeStaticString(",")
        buffer.writeJSONNumber(.infinity)
        #expect(String(buffer: buffer) == "120.0,null")
    }
}
