import CLibXML2
import ProfileCore

/// XML written through libxml2's `xmlTextWriter`, which escapes text and
/// attribute values, so no name in a profile can open an element or a script.
///
/// Text is also made well-formed before it reaches libxml2: characters XML 1.0
/// forbids (control characters) become U+FFFD, as invalid UTF-8 already has
/// when names became `String`s.
final class XMLOutput {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private let sink: ByteSink

    /// `indent`: one element per line, indented (GraphML); flame graphs
    /// place their own line breaks.
    init(to sink: ByteSink, indent: Bool = false) throws {
        guard let buffer = xmlBufferCreate() else { throw ProfileError("libxml2 could not allocate a buffer") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ProfileError("libxml2 could not create an XML writer")
        }
        self.buffer = buffer
        self.writer = writer
        self.sink = sink
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32) throws {
        if status < 0 { throw ProfileError("libxml2 failed to write the XML") }
    }

    /// The XML declaration; `standalone` adds `standalone="no"` (as SVGs carry).
    func startDocument(standalone: Bool = true) throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", standalone ? "no" : nil))
    }

    func doctype(_ name: String, publicID: String, systemID: String) throws {
        try check(xmlTextWriterWriteDTD(writer, name, publicID, systemID, nil))
    }

    func start(_ element: String) throws {
        try check(xmlTextWriterStartElement(writer, element))
    }

    func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, Self.wellFormed(value)))
    }

    func text(_ value: String) throws {
        try check(xmlTextWriterWriteString(writer, Self.wellFormed(value)))
    }

    /// A CDATA section; only for our own assets, which never contain `]]>`.
    func cdata(_ value: String) throws {
        precondition(!value.contains("]]>"), "asset contains a CDATA terminator")
        try check(xmlTextWriterWriteCDATA(writer, value))
    }

    func end() throws {
        try check(xmlTextWriterEndElement(writer))
    }

    /// `<name attr…>text</name>` in one call.
    func element(_ name: String, _ attributes: KeyValuePairs<String, String>, extra: (String, String)? = nil, text: String? = nil) throws {
        try start(name)
        for (k, v) in attributes { try attribute(k, v) }
        if let (k, v) = extra { try attribute(k, v) }
        if let text { try self.text(text) }
        try end()
    }

    func newline() throws {
        try check(xmlTextWriterWriteRaw(writer, "\n"))
    }

    /// Moves what libxml2 has produced so far into the sink.
    func drain() throws {
        try check(xmlTextWriterFlush(writer))
        let n = Int(xmlBufferLength(buffer))
        if n > 0, let content = xmlBufferContent(buffer) {
            try sink.write(UnsafeRawBufferPointer(start: content, count: n))
            xmlBufferEmpty(buffer)
        }
    }

    func finish() throws {
        try check(xmlTextWriterEndDocument(writer))
        try drain()
    }

    /// `s` with every character XML 1.0 forbids replaced by U+FFFD.
    static func wellFormed(_ s: String) -> String {
        func allowed(_ v: UInt32) -> Bool {
            v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
        }
        if s.unicodeScalars.allSatisfy({ allowed($0.value) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(allowed(u.value) ? u : "\u{FFFD}") }
        return String(out)
    }
}
