/// Where Go's regexp and RE2 20220601 part, found by
/// Fixtures/regexp/go-regexp.tsv: what Go refuses although RE2 accepts it,
/// and what RE2 would match where Go does not. Read only from patterns RE2
/// accepted, so the scan can trust their shape (closed classes, balanced
/// groups).
struct GoRegexpRules {
    /// Go's parse trees may be at most this high (`maxHeight` in
    /// regexp/syntax); RE2 allows deeper nesting.
    static let maxHeight = 1000

    /// Why Go refuses the pattern though RE2 took it, or nil.
    private(set) var refusal: GoRegexpRefusal?
    /// Whether the pattern has `\B` outside a class. RE2 searches from every
    /// byte, and between two bytes of one UTF-8 sequence `\B` holds; Go
    /// only tries character boundaries (`\B` on "aλb": Go no, RE2 yes).
    private(set) var hasNonBoundary = false
    /// Whether a `\Q` quote runs to the pattern's end, unclosed.
    private(set) var endsInQuote = false

    init(_ pattern: String) {
        let b = Array(pattern.utf8)
        var i = 0
        // Open groups, innermost last: whether each one captures.
        var groups: [Bool] = []
        var captureDepth = 0, deepestCapture = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"):
                let next = i + 1 < b.count ? b[i + 1] : 0
                if next == UInt8(ascii: "Q") {
                    i = Self.endOfQuote(b, from: i + 2)
                    endsInQuote = i > b.count
                    continue
                }
                // \C (any byte) would let a match split a UTF-8 sequence;
                // Go has no such escape.
                if next == UInt8(ascii: "C"), refusal == nil {
                    refusal = GoRegexpRefusal(problem: "invalid escape sequence", argument: "\\C")
                }
                if next == UInt8(ascii: "B") { hasNonBoundary = true }
                i += 2
            case UInt8(ascii: "["):
                // \C inside a class RE2 refuses itself.
                i = Self.endOfClass(b, from: i + 1)
            case UInt8(ascii: "("):
                let captures: Bool
                if i + 1 < b.count, b[i + 1] == UInt8(ascii: "?") {
                    // Only (?P<name>…) captures; RE2 has refused the other spellings.
                    captures = i + 3 < b.count && b[i + 2] == UInt8(ascii: "P") && b[i + 3] == UInt8(ascii: "<")
                    if captures, refusal == nil { refusal = Self.badCaptureName(b, from: i + 4) }
                } else {
                    captures = true
                }
                groups.append(captures)
                if captures {
                    captureDepth += 1
                    deepestCapture = max(deepestCapture, captureDepth)
                }
                i += 1
            case UInt8(ascii: ")"):
                if groups.popLast() == true { captureDepth -= 1 }
                i += 1
            default:
                i += 1
            }
        }
        // Each capturing group is a node of Go's tree, above at least one
        // more: a lower bound of its height, exact for plain nesting. Bounds
        // of other shapes would need Go's parser; RE2 matches them in linear
        // time all the same, so too deep a pattern is at worst accepted.
        if deepestCapture + 1 > Self.maxHeight, refusal == nil {
            refusal = GoRegexpRefusal(problem: "expression nests too deeply", argument: pattern)
        }
    }

    /// `pattern` to be matched from the start of the text, skipping whole
    /// characters first: the search Go makes, trying character boundaries
    /// only. An unclosed `\Q` is closed so the wrapper stays outside it.
    func characterAlignedSearch(_ pattern: String) -> String {
        "(?s:.)*?(?:" + pattern + (endsInQuote ? "\\E" : "") + ")"
    }

    /// The index after the `\E` closing a `\Q` quote whose text starts at
    /// `start`, or past the end (`b.count + 1`) when none closes it:
    /// everything between is literal.
    private static func endOfQuote(_ b: [UInt8], from start: Int) -> Int {
        var i = start
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "E") { return i + 2 }
            i += 1
        }
        return b.count + 1
    }

    /// The index after the `]` closing a class whose body starts at `start`:
    /// a `]` first (after any `^`) is literal, `[:alpha:]` is one item.
    private static func endOfClass(_ b: [UInt8], from start: Int) -> Int {
        var i = start
        if i < b.count, b[i] == UInt8(ascii: "^") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1 }
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "]"):
                return i + 1
            case UInt8(ascii: "\\"):
                i += 2
            case UInt8(ascii: "[") where i + 1 < b.count && b[i + 1] == UInt8(ascii: ":"):
                i += 2
                while i + 1 < b.count, !(b[i] == UInt8(ascii: ":") && b[i + 1] == UInt8(ascii: "]")) { i += 1 }
                i += 2
            default:
                i += 1
            }
        }
        return b.count
    }

    /// Go allows only ASCII letters, digits and `_` in a group's name
    /// (`isValidCaptureName`); RE2 20220601 also takes other Unicode word
    /// characters. `start` is just after `(?P<`.
    private static func badCaptureName(_ b: [UInt8], from start: Int) -> GoRegexpRefusal? {
        guard let end = b[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let isValid = b[start..<end].allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_")
        }
        if isValid { return nil }
        let group = String(decoding: b[(start - 4)...end], as: UTF8.self)
        return GoRegexpRefusal(problem: "invalid named capture", argument: group)
    }
}
