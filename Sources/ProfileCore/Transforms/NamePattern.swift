/// A regular expression matched anywhere in a name, like Go's
/// `regexp.MatchString` that pprof's `focus`, `ignore`, `hide` and `show` use.
///
/// Go's syntax and semantics: RE2 (the library Go's regexp follows) compiles
/// and matches, in time linear in the name, and `GoRegexpRules` refuses
/// the little RE2 accepts and Go does not. Tested against
/// `Fixtures/regexp/go-regexp.tsv`, written by Go 1.19.
public struct NamePattern: Sendable {
    /// The expression as the user wrote it.
    public let source: String
    private let program: RE2Program

    /// Compiles `source`; `option` names the flag in the error message.
    public init(_ source: String, option: String = "pattern") throws(ProfileError) {
        self.source = source
        // Compiled as written first, so that RE2's errors quote the user's text.
        let program = RE2Program(source)
        let rules = GoRegexpRules(source)
        if let refusal = program.refusal ?? rules.refusal {
            throw ProfileError("parsing \(option) regexp '\(source)': \(refusal)")
        }
        self.program = rules.hasNonBoundary ? RE2Program(rules.characterAlignedSearch(source), anchored: true) : program
    }

    /// Whether the expression matches some part of `name`.
    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { program.matches($0) }
    }

    /// Whether the expression matches some part of the UTF-8 bytes `name`,
    /// which may be invalid: as in Go, each byte that is not part of a valid
    /// sequence reads as U+FFFD (so `.` and `[^a]` match it).
    public func matches(utf8 name: [UInt8]) -> Bool {
        let text = GoUTF8.replacingInvalidBytes(name) ?? name
        return text.withUnsafeBufferPointer { program.matches($0) }
    }
}
