import CLibXML2
import ProfileCore

/// What every XML input goes through before and while libxml2 reads it.
///
/// libxml2 2.9 checks entity amplification only without `XML_PARSE_HUGE`,
/// and even then a few nested entities in an attribute cost seconds before it
/// gives up. No profile format profconv reads declares entities, so a
/// document that does is refused before parsing, with the byte offset of the
/// declaration. libxml2's own limits (10 MB per text node or comment without
/// `XML_PARSE_HUGE`) bound each token.
enum XMLSafety {
    /// The options every reader parses with: no network, no DTD loading, no
    /// entity substitution, no huge tokens, and no messages of libxml2's own
    /// on stderr (``ErrorCapture`` collects them).
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Refuses a document that declares an entity (`<!ENTITY`) anywhere:
    /// in its internal DTD subset, which is where "billion laughs" and
    /// external-entity attacks live.
    static func refuseEntityDeclarations(_ input: UnsafeRawBufferPointer, document: String) throws {
        if let at = ByteSearch.find(input, "<!ENTITY") {
            throw ProfileError.atByte(at, "this \(document) declares XML entities, which no \(document) needs and which can expand without bound; remove the <!DOCTYPE …[…]> block")
        }
    }

    /// Collects libxml2's structured errors for one text reader, so the first
    /// one becomes profconv's error message instead of a line libxml2 prints
    /// to stderr itself.
    final class ErrorCapture {
        private(set) var message: String?
        private(set) var line = 0

        /// Routes `reader`'s errors here. The capture must outlive the reader.
        func install(on reader: xmlTextReaderPtr) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                guard let context, let error else { return }
                let capture = Unmanaged<ErrorCapture>.fromOpaque(context).takeUnretainedValue()
                guard capture.message == nil else { return }
                let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                capture.message = text.trimmingSuffix(while: { $0 == "\n" || $0 == " " })
                capture.line = Int(error.pointee.line)
            }, context)
        }

        /// The error for a read that failed at `fallbackLine`, naming what
        /// libxml2 said when it said something.
        func error(document: String, fallbackLine: Int) -> ProfileError {
            let line = self.line > 0 ? self.line : fallbackLine
            guard let message else { return .atLine(line, "the \(document) is not well-formed XML") }
            return .atLine(line, "the \(document) is not well-formed XML: \(message)")
        }
    }
}

private extension String {
    func trimmingSuffix(while drop: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let last = s.last, drop(last) { s = s.dropLast() }
        return String(s)
    }
}
