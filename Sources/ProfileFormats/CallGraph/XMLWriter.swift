import CLibXML2
import ProfileCore

/// A thin wrapper over libxml2's `xmlTextWriter` writing into memory: it
/// escapes text and attributes, and the document is copied to a ``ByteSink``
/// at the end.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    init() throws {
        guard let b = xmlBufferCreate() else { throw ProfileError("libxml2 could not allocate a buffer") }
        guard let w = xmlNewTextWriterMemory(b, 0) else {
            xmlBufferFree(b)
            throw ProfileError("libxml2 could not create a writer")
        }
        buffer = b
        writer = w
        xmlTextWriterSetIndent(w, 1)
        xmlTextWriterSetIndentString(w, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ rc: Int32, _ what: String) throws {
        if rc < 0 { throw ProfileError("libxml2 failed writing \(what)") }
    }

    func startDocument() throws { try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration") }
    func start(_ element: String) throws { try check(xmlTextWriterStartElement(writer, element), element) }
    func end() throws { try check(xmlTextWriterEndElement(writer), "an end tag") }
    func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, XMLWriter.clean(value)), name)
    }
    func text(_ value: String) throws { try check(xmlTextWriterWriteString(writer, XMLWriter.clean(value)), "text") }
    /// An element with only text in it.
    func element(_ name: String, _ value: String) throws {
        try start(name)
        try text(value)
        try end()
    }

    /// Writes the finished document to `output`.
    func finish(to output: ByteSink) throws {
        try check(xmlTextWriterEndDocument(writer), "the document end")
        xmlTextWriterFlush(writer)
        let n = Int(xmlBufferLength(buffer))
        if n > 0, let p = xmlBufferContent(buffer) {
            try output.write(UnsafeRawBufferPointer(start: p, count: n))
        }
    }

    /// Characters XML 1.0 cannot hold (C0 controls other than tab and line
    /// breaks, U+FFFE/U+FFFF) become U+FFFD; libxml2 escapes the rest.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF {
                out.append("\u{FFFD}")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
