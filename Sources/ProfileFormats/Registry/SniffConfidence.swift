/// How sure a reader is that some bytes are its format, as inferno's
/// `is_applicable` answers: not at all, possibly, or by a signature no
/// other format has.
public enum SniffConfidence: Int, Comparable, Sendable {
    /// The bytes cannot be this format.
    case no
    /// They may be: the format has no signature of its own (folded text,
    /// raw protobuf), so a reader that is certain wins over this one.
    case maybe
    /// A signature of this format alone (a magic number, a header line).
    case certainly

    public static func < (a: SniffConfidence, b: SniffConfidence) -> Bool { a.rawValue < b.rawValue }
}
