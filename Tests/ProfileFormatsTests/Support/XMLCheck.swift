import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's parser, as a well-formedness check for tests.
enum XMLCheck {
    static func isWellFormed(_ text: String) throws -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
