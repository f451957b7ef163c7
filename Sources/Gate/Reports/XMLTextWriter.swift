import CLibXML2

/// A thin owner of a libxml2 `xmlTextWriter` writing into memory; frees both handles in `deinit`.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var finished = false

    /// Why libxml2 refused to write.
    struct WriteError: Error, CustomStringConvertible {
        var operation: String
        var description: String { "libxml2 could not \(operation) (out of memory?)" }
    }

    init() throws(WriteError) {
        guard let buffer = xmlBufferCreate() else { throw WriteError(operation: "allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw WriteError(operation: "create a text writer")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        _ = "  ".withXMLString { xmlTextWriterSetIndentString(writer, $0) }
    }

    deinit {
        if !finished { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    func startDocument() throws(WriteError) {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    func startElement(_ name: String) throws(WriteError) {
        try check(name.withXMLString { xmlTextWriterStartElement(writer, $0) }, "start element \(name)")
    }

    func attribute(_ name: String, _ value: String) throws(WriteError) {
        let clean = XMLTextWriter.xmlSafe(value)
        let result = name.withXMLString { namePointer in
            clean.withXMLString { xmlTextWriterWriteAttribute(writer, namePointer, $0) }
        }
        try check(result, "write attribute \(name)")
    }

    func text(_ value: String) throws(WriteError) {
        try check(XMLTextWriter.xmlSafe(value).withXMLString { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    func endElement() throws(WriteError) {
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    /// Ends the document and returns its bytes.
    func finish() throws(WriteError) -> [UInt8] {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        xmlFreeTextWriter(writer)  // flushes into the buffer
        finished = true
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private func check(_ result: Int32, _ operation: String) throws(WriteError) {
        if result < 0 { throw WriteError(operation: operation) }
    }

    /// Replaces characters XML 1.0 cannot carry (most C0 controls, lone surrogates' stand-ins,
    /// U+FFFE/U+FFFF) so that hostile names still produce a valid document.
    static func xmlSafe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalars.append(scalar)
            default: scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }
}

extension String {
    /// Calls `body` with the string as libxml2's `const xmlChar *`.
    fileprivate func withXMLString<Result>(_ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body)
        }
    }
}
